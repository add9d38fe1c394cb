#!/usr/bin/env bash
# Live fan-out benchmark against polling (issue #16, docs/benchmarks.md): a fresh PostgreSQL (fsync and synchronous_commit
# on), the small demo country seeded once and copied into one database per build, the polling build (EDUINFO_LIVE_BASELINE,
# b2ade2f: the commit before the push fan-out) and this one, each an Api with a co-hosted silo (Development profile, Release
# build) on its own HTTP and Orleans ports. `eduinfo bench-live` then measures, per build, N SSE viewers of one district
# and N spread over all districts while a writer posts the journal mix: freshness ack → viewer, the Api's CPU and memory;
# then, against this build, M open dashboards of one district that refetch their view on each pushed version: the whole
# page (as before the shared views) against the shared section (GET /nodes/{id}/view), renders/s and Api CPU per viewer.
#   bench/live.sh [viewers=1000] [seconds=60] [warm-up=10] [batches/s=20] [quiet seconds=20] [refresh viewers=200]
#   EDUINFO_LIVE_REFRESH_ONLY=1 bench/live.sh …   the page-refresh scenario alone (no polling build; a few minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
viewers="${1:-1000}"; seconds="${2:-60}"; warmup="${3:-10}"; rate="${4:-20}"; quiet="${5:-20}"; refresh="${6:-200}"
refresh_only="${EDUINFO_LIVE_REFRESH_ONLY:-}"
baseline="${EDUINFO_LIVE_BASELINE:-b2ade2f}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

# The polling build from its commit's source, built once into .run/bench-live/<commit> and kept for later runs.
base_dir="$root/.run/bench-live/$(git rev-parse --short=12 "$baseline^{commit}")"
if [ -z "$refresh_only" ] && [ ! -f "$base_dir/src/Api/bin/Release/net10.0/EduInfo.Api.dll" ]; then
  echo "Building the polling build ($baseline) in $base_dir..."
  rm -rf "$base_dir"; mkdir -p "$base_dir"
  git archive "$baseline" | tar -x -C "$base_dir"
  ( cd "$base_dir" && dotnet build src/Api/EduInfo.Api.csproj -c Release -nologo -v:q -clp:NoSummary >/dev/null )
fi
dotnet build EduInfo.sln -c Release -nologo -v:q -clp:NoSummary >/dev/null
tools="$root/src/Tools/bin/Release/net10.0/eduinfo.dll"

pg_start "$(free_port)"
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAtc "$1"; }
db() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1;Maximum Pool Size=100"; }
# Seeded once; each build gets its own copy, so neither sees the other's writes and both start from the same journal.
sql "CREATE DATABASE live_seed"
export ConnectionStrings__EduInfo="$(db live_seed)"
dotnet "$tools" seed small | grep -v "demo login"
sql "CREATE DATABASE live_poll TEMPLATE live_seed"
sql "CREATE DATABASE live_push TEMPLATE live_seed"

start_api() { # name folder database; sets api_url (not in a subshell: the pid must reach the cleanup)
  local port silo gateway log
  port="$(free_port)"; silo="$(free_port)"; gateway="$(free_port)"
  log="$(mktemp "/tmp/eduinfo-live-$1.XXXXXX.log")"
  # Every viewer is the analyst and every client shares one address: the rate limits are off for the run.
  ( cd "$2" && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning ConnectionStrings__EduInfo="$(db "$3")" \
      Cluster__SiloPort="$silo" Cluster__GatewayPort="$gateway" \
      RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 \
      exec dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$port" ) >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 180); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$log" >&2; exit 1; }
  echo "$1: http://127.0.0.1:$port (silo $silo, gateway $gateway, log $log)"
  api_url="http://127.0.0.1:$port"
}
poll_url="-"
[ -n "$refresh_only" ] || { start_api poll "$base_dir/src/Api/bin/Release/net10.0" live_poll; poll_url="$api_url"; }
start_api push "$root/src/Api/bin/Release/net10.0" live_push; push_url="$api_url"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "postgres: $(sql 'select version()' | cut -d, -f1), fsync=$(sql 'show fsync'), synchronous_commit=$(sql 'show synchronous_commit')"
echo "builds: poll = $(git rev-parse --short "$baseline^{commit}"), push = $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
dotnet "$tools" bench-live "$poll_url" live_poll "$push_url" live_push "$viewers" "$seconds" "$warmup" "$rate" "$quiet" "$refresh"
