#!/usr/bin/env bash
# The analysis layer's reads against the equivalent SQL (issue 19, docs/benchmarks.md#analysis): a fresh PostgreSQL,
# the demo country with a first term of history in the journal, its daily-trend history captured from that journal,
# EduInfo (the Api with a co-hosted silo, Release) warmed up; then the republic's breakdowns and daily trend over HTTP,
# each checked against and timed beside the SQL that answers it from the journal.
#   bench/analysis.sh [history rows=10000000] [size=large] [reads=200] [sql runs=3]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
history="${1:-10000000}"; size="${2:-large}"; reads="${3:-200}"; runs="${4:-3}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

bench_country "$size" "$history"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "VACUUM ANALYZE"

api_port="$(free_port)"
api_log="$(mktemp /tmp/eduinfo-analysis-api.XXXXXX.log)"
# No reconciler: it would capture yesterday's live figures into the trend history the benchmark writes for the past term.
( cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Rollup__ReconcileInterval=00:00:00 \
    RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 \
    exec dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$api_port" ) >"$api_log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break; sleep 1; done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); postgres shared_buffers=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show shared_buffers'); log: $api_log"
dotnet "$tools" bench-analysis "http://127.0.0.1:$api_port" "$reads" "$runs"
