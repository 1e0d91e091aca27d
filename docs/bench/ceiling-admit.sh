#!/usr/bin/env bash
# The PostgreSQL side of a protected read's guard statement, alone: ceiling_admit as migration V70
# wrote it against the same after V170, with pgbench, first on fresh counters, then with a day of
# one access every 10 s behind each account. Usage: docs/bench/ceiling-admit.sh PGBIN [SECONDS]
# where PGBIN holds initdb, pg_ctl and postgres (the embedded ones: /tmp/embedded-pg/PG-*/bin);
# psql and pgbench come from PATH. Run as a user that may run PostgreSQL (not root).
set -euo pipefail
pgbin="$1"; seconds="${2:-8}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
migrations="$root/vigie-server/src/main/resources/db/migration"
dir="$(mktemp -d)"; port=$((40000 + RANDOM % 20000))
"$pgbin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
printf "port=%s\nunix_socket_directories='%s'\n" "$port" "$dir" >> "$dir/data/postgresql.conf"
"$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
trap '"$pgbin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
sql() { psql -h "$dir" -p "$port" -U postgres -q -v ON_ERROR_STOP=1 "$@"; }
for version in v70 v170; do
  sql -c "create database $version"
  sql -d "$version" -f "$migrations/V70__shared_ceilings.sql"
  if [ "$version" = v170 ]; then sql -d "$version" -f "$migrations/V170__leaner_ceiling_admit.sql"; fi
  sql -d "$version" -c "create table acct (id uuid primary key, containment text, locked_at timestamptz);
    insert into acct select ('00000000-0000-0000-0000-0000000000' || (g + 10))::uuid, 'ACTIVE', null
    from generate_series(0, 49) g"
done
cat > "$dir/read.sql" <<'SQL'
\set acct :client_id + 10
\set person random(10, 17)
select a.id, ca.breach from acct a left join lateral ceiling_admit_if(a.containment = 'ACTIVE' and a.locked_at is null, a.id, now(), 'READ', ('00000000-0000-0000-0000-0000000000' || :person)::uuid, false, 0, '{PERSONS,PERSONS,PERSONS,OUTSIDE_PERSONS,SEARCHES,EMPTY_SEARCHES,ACCESSES,ACCESSES,CHANGES}'::text[], '{60,3600,86400,86400,3600,3600,60,3600,3600}'::int[], '{10,60,200,50,60,20,2000000000,2000000000,20}'::int[], '{t,f,f,f,f,f,f,f,f}'::boolean[]) ca on true where a.id = ('00000000-0000-0000-0000-0000000000' || :acct)::uuid;
SQL
run() { # database, clients
  pgbench -h "$dir" -p "$port" -U postgres -n -M prepared -c "$2" -j 2 -T "$seconds" -f "$dir/read.sql" "$1" 2>&1 |
    awk -v db="$1" -v c="$2" '/^latency average/ {l=$4} /^tps/ {t=$3} END {printf "%s, %d clients: %.0f calls/s, %.2f ms\n", db, c, t, l}'
}
for history in none day; do
  if [ "$history" = day ]; then
    for version in v70 v170; do
      sql -d "$version" -c "insert into ceiling_tally (account_id, measure, width_s, bucket, n, first_at, last_at)
        select a.id, 'ACCESSES', w.width, floor(extract(epoch from t) / w.width)::bigint, 1, t, t
        from acct a, (values (1), (6)) w(width),
          generate_series(now() - interval '23 hours', now() - interval '61 minutes', interval '10 seconds') t
        on conflict do nothing; analyze ceiling_tally"
    done
  fi
  echo "history: $history"
  for round in 1 2; do for version in v70 v170; do run "$version" 1; run "$version" 50; done; done
done
