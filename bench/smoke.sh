#!/usr/bin/env bash
# Smoke benchmark: the small demo country in a fresh PostgreSQL (fsync and synchronous_commit on), the Api with a
# co-hosted silo (Development profile, Release build), journal clients flat out for a minute.
# Prints acknowledged marks per second, p50/p95/p99 request latency and p50/p99 freshness at the republic.
#   bench/smoke.sh [seconds=60] [clients=16]
set -euo pipefail
# EDUINFO_PROFILE=/path/perf.data: a perf profile of the measured phase; the Api names its JIT frames for perf
# (a perf map, and W^X off, or perf sees only "memfd:doublemapper"). Read it with bench/profile-report.sh.
profile_env=()
[ -n "${EDUINFO_PROFILE:-}" ] && profile_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
seconds="${1:-60}"
clients="${2:-16}"
port="$(free_port)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

bench_small_country
log="$(mktemp /tmp/eduinfo-bench-api.XXXXXX.log)"
# Every load client runs on this machine, so they share one address, and the freshness probe polls the republic as one
# user every few milliseconds: the rate limits are off for the run.
( cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 \
    exec env "${profile_env[@]}" dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$port" ) >"$log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "postgres: fsync=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show fsync'), synchronous_commit=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show synchronous_commit')"
dotnet "$tools" bench-smoke "http://127.0.0.1:$port" "$seconds" "$clients"
