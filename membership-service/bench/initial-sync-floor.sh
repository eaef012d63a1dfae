#!/usr/bin/env bash
# PostgreSQL's own floor for an initial sync: the rows one 10,000-member batch writes (members, references,
# contacts, one change-journal row per member with its history entries and events, the run), then the relay reading
# the events back and moving its position, generated inside PostgreSQL with set-based SQL: no Java, no network, no Kafka. Prints each batch's time and the records/s that
# PostgreSQL alone would allow. Runs a throwaway cluster (settings as the tests': fsync off) on a free port.
#   membership-service/bench/initial-sync-floor.sh [batches]     (default 10 = 100,000 members)
set -euo pipefail
cd "$(dirname "$0")/../.."
batches=${1:-10}
bin=${IMPALA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (set IMPALA_PG_BIN)" >&2; exit 1; }
dir=$(mktemp -d /tmp/impala-floor.XXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
port=
for candidate in $(shuf -i 20000-32000 -n 50); do # below the ephemeral range, like the test servers' ports
  if ! (: >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free port found" >&2; exit 1; }
cleanup() { "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories= -c shared_buffers=128MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
psql=(psql -q -X -h 127.0.0.1 -p "$port" -U postgres)
"${psql[@]}" -c "create database floor"
# in version order: V10 after V9, not after V1
for f in $(ls commons/src/main/resources/db/commons/V*.sql | sort -V) \
         $(ls membership-service/src/main/resources/db/migration/V*.sql | sort -V); do
  "${psql[@]}" -d floor -v ON_ERROR_STOP=1 -f "$f"
done
total=0
for i in $(seq "$batches"); do
  # the first timing is the scratch table of ids; the rest are the batch's writes
  ms=$("${psql[@]}" -d floor -v ON_ERROR_STOP=1 -f membership-service/bench/initial-sync-floor.sql \
    | awk '/^Time:/ { if (n++) s += $2 } END { printf "%.0f", s }')
  total=$((total + ms))
  echo "batch $i: ${ms} ms of PostgreSQL for 10,000 members"
done
echo "PostgreSQL alone: $((batches * 10000)) members in ${total} ms = $((batches * 10000 * 1000 / total)) records/s at most"
