#!/usr/bin/env bash
# Runs EduInfo on this machine: a private PostgreSQL (kept in .run/pg between runs), migrations, the small demo
# country of today's academic year with its journal up to yesterday (in the summer holiday: the year just ended,
# closed), the system on http://127.0.0.1:5080, and simulated journal traffic on school days. Ctrl-C stops everything.
#   scripts/run.sh             Development profile: one process, the Api with a co-hosted silo
#   scripts/run.sh --cluster   Cluster profile: two silo processes (ADO.NET clustering on PostgreSQL) and the Api as a client
# Environment: EDUINFO_PORT (5080), EDUINFO_PG_PORT (55432), EDUINFO_SIM_RATE (requests/s, 4; 0 = no traffic),
#   EDUINFO_SILO_PORT (11111) and EDUINFO_GATEWAY_PORT (30000): Orleans ports (the second silo of --cluster adds 1),
#   Clock__PinnedUtc (e.g. 2027-07-15T05:00:00Z): run the demo at another date (Development profile only),
#   OrleansDashboard__Enabled (true here, false in a deployment): the Orleans dashboard for operators at /ops/orleans/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh

profile=Development
[ "${1:-}" = "--cluster" ] && profile=Cluster
port="${EDUINFO_PORT:-5080}"
pg_port="${EDUINFO_PG_PORT:-55432}"
rate="${EDUINFO_SIM_RATE:-4}"
silo_port="${EDUINFO_SILO_PORT:-11111}"
gateway_port="${EDUINFO_GATEWAY_PORT:-30000}"
mkdir -p .run
PG_DATA="$root/.run/pg"; mkdir -p "$PG_DATA"; PG_KEEP=1
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop
}
trap cleanup EXIT INT TERM

pg_start "$pg_port"
export ConnectionStrings__EduInfo="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=60"
export DOTNET_ENVIRONMENT=$profile # the operator commands (seed, simulate) run in the same environment as the Api
# The demo shows the Orleans dashboard (off by default); exported, so the silos of --cluster and the Api agree.
export OrleansDashboard__Enabled="${OrleansDashboard__Enabled:-true}"
bin() { echo "$root/src/$1/bin/Release/net10.0"; }

echo "Building..."
dotnet build EduInfo.sln -c Release -nologo -v:q -clp:NoSummary >/dev/null
seed_status=0
dotnet "$(bin Tools)/eduinfo.dll" seed small || seed_status=$?
if [ "$seed_status" = 3 ]; then
  # The kept demo database holds another academic year (the date moved on): start a new one.
  echo "Starting a new demo database for this academic year (the old one is replaced)."
  pg_stop; rm -rf "$PG_DATA"; mkdir -p "$PG_DATA"
  pg_start "$pg_port"
  dotnet "$(bin Tools)/eduinfo.dll" seed small
elif [ "$seed_status" != 0 ]; then
  exit "$seed_status"
fi

wait_for() { # url pid log
  for _ in $(seq 1 120); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 1
  done
  echo "$1 did not answer" >&2; exit 1
}

if [ "$profile" = Cluster ]; then
  for i in 0 1; do
    ( cd "$(bin Silo)" && ASPNETCORE_ENVIRONMENT=Cluster Cluster__SiloPort=$((silo_port + i)) Cluster__GatewayPort=$((gateway_port + i)) \
        Telemetry__MetricsPort=$((port + 11 + i)) \
        exec dotnet EduInfo.Silo.dll --urls "http://127.0.0.1:$((port + 1 + i));http://127.0.0.1:$((port + 11 + i))" ) >".run/silo$i.log" 2>&1 &
    pids+=($!)
  done
  for i in 0 1; do wait_for "http://127.0.0.1:$((port + 1 + i))/health/live" "${pids[$i]}" ".run/silo$i.log"; done
fi

# /metrics is answered on a port of its own (Telemetry:MetricsPort), never on the public one.
( cd "$(bin Api)" && ASPNETCORE_ENVIRONMENT=$profile Cluster__SiloPort=$silo_port Cluster__GatewayPort=$gateway_port \
    Telemetry__MetricsPort=$((port + 10)) \
    exec dotnet EduInfo.Api.dll --urls "http://127.0.0.1:$port;http://127.0.0.1:$((port + 10))" ) >.run/api.log 2>&1 &
api_pid=$!
pids+=($api_pid)
wait_for "http://127.0.0.1:$port/health/ready" "$api_pid" .run/api.log

# The demo's open ratings, published by the Ministry's analyst once the live figures have settled (a minute after the
# start): the regions, Almaty's districts and Bostandyk's schools (docs/ratings.md). Publishing again shows the movement.
publish_ratings() {
  sleep 60
  local token
  token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"login":"analyst","password":"demo-analyst"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  for area in KZ KZ-ALA KZ-ALA-BOS; do
    curl -fsS -m 120 -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/nodes/$area/rating/publish" >/dev/null \
      && echo "Published the open rating of $area." || echo "The rating of $area was not published (see .run/api.log)."
  done
}
publish_ratings >.run/ratings.log 2>&1 &
pids+=($!)

if [ "$rate" != 0 ]; then
  dotnet "$(bin Tools)/eduinfo.dll" simulate "http://127.0.0.1:$port" "$rate" >.run/simulator.log 2>&1 &
  pids+=($!)
fi

cat <<TXT

EduInfo is running ($profile profile; logs in .run/).
  Open report (web)  http://localhost:$port/
  Sign in (web)      http://localhost:$port/signin
  Republic summary   http://127.0.0.1:$port/api/v1/nodes/KZ/summary
  Regions            http://127.0.0.1:$port/api/v1/nodes/KZ/children
  Rating of regions  http://localhost:$port/open/KZ/rating (published a minute after the start)
  OpenAPI document   http://127.0.0.1:$port/openapi/v1.json
  Health             http://127.0.0.1:$port/health/ready
  Metrics            http://127.0.0.1:$((port + 10))/metrics (Prometheus)
TXT
[ "$OrleansDashboard__Enabled" = true ] && echo "  Orleans dashboard  http://localhost:$port/ops/orleans/ (sign in as operator)"
[ "$profile" = Cluster ] && echo "  Silo health        http://127.0.0.1:$((port + 1))/health/live  http://127.0.0.1:$((port + 2))/health/live"
cat <<TXT
Demo logins (Development only; scopes in docs/demo-country.md), password = demo-<login with - for .>:
  analyst (Ministry), operator, region.officer (Almaty), district.officer (Bostandyk), head, class.teacher,
  teacher, parent, student; every teacher id (T00001, …) with password demo-teacher.
Try:
  token=\$(curl -s -X POST http://127.0.0.1:$port/api/v1/auth/token -H 'Content-Type: application/json' \\
          -d '{"login":"analyst","password":"demo-analyst"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  curl -s -H "Authorization: Bearer \$token" http://127.0.0.1:$port/api/v1/nodes/KZ/summary
Simulated teachers log in and post ~$rate requests/s (log in .run/simulator.log). Ctrl-C stops everything.
TXT
wait "$api_pid"
