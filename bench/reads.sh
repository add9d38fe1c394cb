#!/usr/bin/env bash
# Dashboard reads under the term-end mix (issue 26.1, docs/benchmarks.md): the demo country with a first term of history,
# then, for each configuration of the Api in turn and for `rounds` rounds (alternating, so the journal's growth and the
# machine's drift fall on every configuration alike), a fresh start of the Api (co-hosted silo, Release), its warm-up,
# the mix closed loop (saturation) and the journal requests open loop at half the rate it sustained, with dashboards
# and the /health/live floor reading throughout. One line per phase: client-side percentiles, and the Api's own view
# from its scrape port (summary request histogram, GC pauses, the thread pool's queue).
#   bench/reads.sh [rounds=3] [seconds=60] [history rows=3000000] [size=large] [clients=32] [dashboards=8] [half rate=0] [configurations…]
# half rate: the open-loop phase's requests/s, the same for every configuration (0: half of each run's own saturation).
# Every run writes other lessons (its own seeds), so no run replays the requests of an earlier one.
# A configuration is a label and the environment the Api starts with, e.g. "default=" "gc-conserve=DOTNET_GCConserveMemory=5"
# (several variables separated by commas). A label starting with "cluster" runs the Cluster profile instead: one silo
# process and the Api as its client (as on Kubernetes), the figures being the Api's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
rounds="${1:-3}"; seconds="${2:-60}"; history="${3:-3000000}"; size="${4:-large}"; clients="${5:-32}"; dashboards="${6:-8}"; half="${7:-0}"
shift $(( $# < 7 ? $# : 7 ))
configurations=("$@"); [ ${#configurations[@]} -gt 0 ] || configurations=("default=")
api_pid=""; silo_pid=""
cleanup() { for pid in "$api_pid" "$silo_pid"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

bench_country "$size" "$history"
port="$(free_port)"; metrics_port="$(free_port)"; silo_http="$(free_port)"; silo_port="$(free_port)"; gateway_port="$(free_port)"
log="$(mktemp /tmp/eduinfo-reads-api.XXXXXX.log)"
echo "machine: $(nproc) cores; journal $(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'select count(*) from journal') rows; Api log $log"
run=0
for round in $(seq 1 "$rounds"); do
  for configuration in "${configurations[@]}"; do
    label="${configuration%%=*}"; settings="${configuration#*=}"
    IFS=',' read -r -a extra <<<"$settings"
    environment=Development
    if [[ "$label" == cluster* ]]; then
      environment=Cluster
      ( cd src/Silo/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Cluster Logging__LogLevel__Default=Warning Cluster__SiloPort="$silo_port" \
          Cluster__GatewayPort="$gateway_port" exec env "${extra[@]}" dotnet EduInfo.Silo.dll --urls "http://127.0.0.1:$silo_http" ) >>"$log" 2>&1 &
      silo_pid=$!
      for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$silo_http/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
    fi
    ( cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=$environment Logging__LogLevel__Default=Warning \
        Cluster__SiloPort="$silo_port" Cluster__GatewayPort="$gateway_port" \
        RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 Telemetry__MetricsPort="$metrics_port" \
        exec env "${extra[@]}" dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$port;http://127.0.0.1:$metrics_port" ) >>"$log" 2>&1 &
    api_pid=$!
    for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
    dotnet "$tools" bench-reads "http://127.0.0.1:$port" "http://127.0.0.1:$metrics_port" "$seconds" "$clients" "$dashboards" 400 "$label/round$round" "$half" "$run" | grep "^reads"
    run=$((run + 1))
    kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""
    if [ -n "$silo_pid" ]; then kill "$silo_pid"; wait "$silo_pid" 2>/dev/null || true; silo_pid=""; fi
  done
done
