#!/usr/bin/env bash
# Term-end benchmark against baselines (docs/benchmarks.md): a fresh PostgreSQL (fsync and synchronous_commit on), the
# demo country with a first term of history in the journal (the naive baseline's journal gets the same rows), EduInfo
# (the Api with a co-hosted silo, Release) and the naive service side by side; the same mixed load against each, the
# COPY ceiling on EduInfo's rows, memory per student grain, overload and recovery, and the exactness check.
#   bench/term-end.sh [seconds=60] [clients=32] [history rows=10000000] [size=large] [dashboards=8] [teachers=400] [overload seconds=20]
# EDUINFO_EXACTNESS=skip leaves out the two recounts of every summary (on the large country they outlast the rest of the run).
set -euo pipefail
# EDUINFO_PROFILE=/path/perf.data: a perf profile of the measured phase; the Api names its JIT frames for perf
# (a perf map, and W^X off, or perf sees only "memfd:doublemapper"). Read it with bench/profile-report.sh.
profile_env=()
[ -n "${EDUINFO_PROFILE:-}" ] && profile_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
seconds="${1:-60}"; clients="${2:-32}"; history="${3:-10000000}"; size="${4:-large}"
dashboards="${5:-8}"; teachers="${6:-400}"; overload="${7:-20}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

bench_country "$size" "$history"

api_port="$(free_port)"; naive_port="$(free_port)"; metrics_port="$(free_port)"
api_log="$(mktemp /tmp/eduinfo-term-end-api.XXXXXX.log)"; naive_log="$(mktemp /tmp/eduinfo-term-end-naive.XXXXXX.log)"
# All load clients share one address and the probes poll as one user: the per-user and per-address limits are off.
( cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 Telemetry__MetricsPort="$metrics_port" \
    exec env "${profile_env[@]}" dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$api_port;http://127.0.0.1:$metrics_port" ) >"$api_log" 2>&1 &
pids+=($!)
( cd bench/NaiveService/bin/Release/net10.0 && ConnectionStrings__Naive="$ConnectionStrings__EduInfo" \
    exec dotnet EduInfo.Bench.NaiveService.dll --urls "http://127.0.0.1:$naive_port" ) >"$naive_log" 2>&1 &
pids+=($!)
for url in "http://127.0.0.1:$api_port/health/ready" "http://127.0.0.1:$naive_port/health/ready"; do
  for _ in $(seq 1 300); do curl -fsS "$url" >/dev/null 2>&1 && break; sleep 1; done
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "postgres: $(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'select version()' | cut -d, -f1), fsync=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show fsync'), synchronous_commit=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show synchronous_commit'), shared_buffers=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'show shared_buffers')"
echo "logs: $api_log $naive_log"
# The Api's own view of each phase (request histograms, GC pauses, the thread pool's queue) from its scrape port.
EDUINFO_METRICS_URL="http://127.0.0.1:$metrics_port" dotnet "$tools" bench-term-end "http://127.0.0.1:$api_port" "http://127.0.0.1:$naive_port" "$seconds" "$clients" "$dashboards" "$teachers" "$overload"
