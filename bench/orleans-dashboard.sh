#!/usr/bin/env bash
# The Orleans dashboard's cost (issue 25, item 3): the smoke benchmark's journal load against the Api with a co-hosted
# silo, with the dashboard off and on, in one run on one database. Rounds go off, on, on, off (a drift of the machine
# or of the journal's size over the run weighs on both sides alike); in an "on" round an operator keeps the dashboard
# open (its overview's requests every second, as a browser does), so its profiler records every grain call.
# Prints each round and the ratios on/off of acknowledged requests/s and of the latency percentiles.
#   bench/orleans-dashboard.sh [seconds per round=30] [clients=16]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
seconds="${1:-30}"
clients="${2:-16}"
port="$(free_port)"
silo_port="$(free_port)"
gateway_port="$(free_port)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop; }
trap cleanup EXIT INT TERM

bench_small_country
base="http://127.0.0.1:$port"
results="$(mktemp /tmp/eduinfo-bench-dashboard.XXXXXX)"

# An open dashboard: its overview polls these every second (with the operator's token; the server's work is the same
# as for the browser's session).
watch_dashboard() {
  local token
  token=$(curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"login":"operator","password":"demo-operator"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  while true; do
    for path in DashboardCounters ClusterStats TopGrainMethods; do
      curl -s -H "Authorization: Bearer $token" -o /dev/null -w '%{http_code}\n' "$base/ops/orleans/$path" >>"$results.watch"
    done
    sleep 1
  done
}

round() { # mode (off|on)
  local mode="$1" enabled=false api watcher=""
  [ "$mode" = on ] && enabled=true
  ( cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
      RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 \
      Cluster__SiloPort=$silo_port Cluster__GatewayPort=$gateway_port OrleansDashboard__Enabled=$enabled exec dotnet EduInfo.Api.dll --urls "$base" ) >>"$results.api.log" 2>&1 &
  api=$!
  pids+=($api)
  for _ in $(seq 1 180); do curl -fsS "$base/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  if [ "$mode" = on ]; then
    watch_dashboard &
    watcher=$!
    pids+=($watcher)
  fi
  local out
  out="$(dotnet "$tools" bench-smoke "$base" "$seconds" "$clients")" || true # a refused mark fails the smoke run, not this comparison
  if [ -n "$watcher" ]; then kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; fi
  kill "$api"; wait "$api" 2>/dev/null || true
  local rps p50 p95 p99
  rps=$(sed -nE 's/.*requests acknowledged +[0-9]+ \(([0-9]+)\/s\).*/\1/p' <<<"$out")
  read -r p50 p95 p99 < <(sed -nE 's/.*request latency +p50 ([0-9.]+) ms, p95 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/p' <<<"$out")
  echo "$mode $rps $p50 $p95 $p99" >>"$results"
  printf '  dashboard %-3s  %5s req/s  p50 %6s ms  p95 %6s ms  p99 %6s ms\n' "$mode" "$rps" "$p50" "$p95" "$p99"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $clients clients, $seconds s a round"
for mode in off on on off; do round "$mode"; done
if [ -s "$results.watch" ]; then
  echo "dashboard requests of the watching operator: $(grep -c '^200$' "$results.watch") answered 200, $(grep -vc '^200$' "$results.watch") otherwise"
fi
awk '{ n[$1]++; r[$1]+=$2; a[$1]+=$3; b[$1]+=$4; c[$1]+=$5 }
  END { printf "on/off (means of the rounds): throughput %.2f, latency p50 %.2f, p95 %.2f, p99 %.2f\n",
        (r["on"]/n["on"])/(r["off"]/n["off"]), (a["on"]/n["on"])/(a["off"]/n["off"]),
        (b["on"]/n["on"])/(b["off"]/n["off"]), (c["on"]/n["on"])/(c["off"]/n["off"]) }' "$results"
