#!/usr/bin/env bash
# The opening minute (issue 22, item 8; docs/benchmarks.md): the small demo country in a fresh PostgreSQL (fsync and
# synchronous_commit on), the Api with a co-hosted silo (Development profile, Release build, the development actor
# header on so that thousands of parents need no accounts). Parents name children (not measured); a baseline minute of
# journal clients and dashboards; then the same load while the first-grade window opens and every filing is sent at
# once, each 503 resent after its Retry-After. Prints what the first minute took and refused, the desk's check (none
# lost, doubled or reordered) and the journal and dashboards against the baseline minute.
#   bench/opening-minute.sh [applications=10000] [clients=200] [seconds=60] [journal clients=16] [dashboards=8] [teachers=200]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
applications="${1:-10000}"; clients="${2:-200}"; seconds="${3:-60}"; writers="${4:-16}"; dashboards="${5:-8}"; teachers="${6:-200}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

bench_small_country
port="$(free_port)"
log="$(mktemp /tmp/eduinfo-opening-api.XXXXXX.log)"
( cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Auth__DevelopmentActorHeader=true \
    RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 \
    exec dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$port" ) >"$log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "postgres: fsync=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show fsync'), synchronous_commit=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show synchronous_commit'); api log: $log"
dotnet "$tools" bench-opening "http://127.0.0.1:$port" "$applications" "$clients" "$seconds" "$writers" "$dashboards" "$teachers"
