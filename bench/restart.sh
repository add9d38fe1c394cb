#!/usr/bin/env bash
# Warm restart (issue 26.5, docs/benchmarks.md): the demo country with a first term of history, then restarts of the Api
# (co-hosted silo, Release) after a crash, each until the republic's summary covers every class watermark. Before each
# start the roll-up cache is emptied, so every class is activated and counted: the worst case of a whole-cluster restart.
# Between starts a short smoke load writes new rows and the Api is killed (no deactivation: snapshots are as old as their
# last write). Ledger snapshots off, then on (a first start to write them, then the measured ones).
#   bench/restart.sh [size=large] [history rows=3000000] [rounds=3] [load seconds=15]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
size="${1:-large}"; history="${2:-3000000}"; rounds="${3:-3}"; load="${4:-15}"
api_pid=""
cleanup() { [ -n "$api_pid" ] && kill -9 "$api_pid" 2>/dev/null || true; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

bench_country "$size" "$history"
since() { awk -v now="$(date +%s.%N)" -v t0="$1" 'BEGIN { printf "%.1f", now - t0 }'; }
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "$1"; }
port="$(free_port)"
log="$(mktemp /tmp/eduinfo-restart-api.XXXXXX.log)"
echo "machine: $(nproc) cores; classes $(sql 'select count(*) from classes'), journal $(sql 'select count(*) from journal') rows; log $log"

# One start: empty the roll-up cache, start the Api, time until ready and until the republic is exact, then write for
# a while and kill it. Prints "snapshots=on|off start s ready s converged s".
run() {
  local snapshots="$1" label="$2"
  sql "DELETE FROM orleansstorage" >/dev/null
  local t0; t0=$(date +%s.%N)
  ( cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
      Rollup__LedgerSnapshots="$snapshots" RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 \
      exec dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$port" ) >>"$log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
  local ready; ready=$(since "$t0")
  dotnet "$tools" bench-converge "http://127.0.0.1:$port" | grep -v "^converged" || true
  local converged; converged=$(since "$t0")
  printf 'snapshots=%s %-8s ready %5.1f s  converged %6.1f s  (snapshots stored %s, %s)\n' "$snapshots" "$label" "$ready" "$converged" \
    "$(sql 'select count(*) from class_ledger_snapshots')" "$(sql "select coalesce(pg_size_pretty(sum(length(data))), '0 bytes') from class_ledger_snapshots")"
  dotnet "$tools" bench-smoke "http://127.0.0.1:$port" "$load" 16 | grep -m1 -i "acknowledged\|marks" || true
  kill -9 "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""
}

for i in $(seq 1 "$rounds"); do run false "run $i"; done
sql "TRUNCATE class_ledger_snapshots" >/dev/null
run true "first"
for i in $(seq 1 "$rounds"); do run true "run $i"; done
