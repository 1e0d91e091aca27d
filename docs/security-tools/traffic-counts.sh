#!/bin/bash
# The requests of sqlmap traffic files (-t FILE) and their answers' status codes, for the tables of
# docs/security.md. Usage: traffic-counts.sh traffic-*.txt
for f in "$@"; do
  echo "$f: $(grep -a -c '^HTTP request \[' "$f") requests;" \
    $(grep -a '^HTTP response \[' "$f" | sed 's/^[^(]*(\([0-9]*\).*/\1/' | sort | uniq -c |
      awk '{printf "%s x %s, ", $1, $2}')
done
