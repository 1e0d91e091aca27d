#!/bin/bash
# Every answer the register gave since it started, by status, then by method, route and status,
# from its Prometheus meter http_server_requests (the management port, 127.0.0.1 only). For the
# status-code counts of a run of wapiti, which keeps no traffic file.
# Usage: status-counts.sh MANAGEMENT_PORT
counts=$(curl -s "http://127.0.0.1:${1:?management port}/actuator/prometheus" |
  grep '^http_server_requests_seconds_count' |
  sed 's/.*method="\([A-Z]*\)".*status="\([0-9]*\)",uri="\([^"]*\)".* \([0-9.E]*\)$/\1 \3 \2 \4/')
echo "$counts" | awk '{n[$3] += $4} END {for (s in n) print "status", s, n[s]}' | sort -k2n
echo "$counts" | awk '{r[$1 " " $2 " " $3] += $4} END {for (k in r) print k, r[k]}' | sort -k4nr
