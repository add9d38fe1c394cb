#!/usr/bin/env bash
# Runs EduInfo on this machine: a private PostgreSQL (kept in .run/pg between runs), migrations, the small demo
# country, the Api with a co-hosted silo (Development profile) on http://127.0.0.1:5080, and simulated journal
# traffic. Ctrl-C stops everything.
#   EDUINFO_PORT (5080), EDUINFO_PG_PORT (55432), EDUINFO_SIM_RATE (requests/s, 4; 0 = no traffic)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh

port="${EDUINFO_PORT:-5080}"
pg_port="${EDUINFO_PG_PORT:-55432}"
rate="${EDUINFO_SIM_RATE:-4}"
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

echo "Building..."
dotnet build EduInfo.sln -c Release -nologo -v:q -clp:NoSummary >/dev/null
dotnet src/Tools/bin/Release/net10.0/eduinfo.dll seed small

ASPNETCORE_ENVIRONMENT=Development dotnet src/Api/bin/Release/net10.0/EduInfo.Api.dll \
  --urls "http://127.0.0.1:$port" --contentRoot "$root/src/Api/bin/Release/net10.0" >.run/api.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat .run/api.log; exit 1; }
  sleep 1
done

if [ "$rate" != 0 ]; then
  dotnet src/Tools/bin/Release/net10.0/eduinfo.dll simulate "http://127.0.0.1:$port" "$rate" >.run/simulator.log 2>&1 &
  pids+=($!)
fi

cat <<TXT

EduInfo is running (Development profile, log in .run/api.log).
  Republic summary   http://127.0.0.1:$port/api/v1/nodes/KZ/summary      (header X-Dev-Actor: analyst)
  Regions            http://127.0.0.1:$port/api/v1/nodes/KZ/children
  OpenAPI document   http://127.0.0.1:$port/openapi/v1.json
  Health             http://127.0.0.1:$port/health/ready
  Try:  curl -s -H 'X-Dev-Actor: analyst' http://127.0.0.1:$port/api/v1/nodes/KZ/summary
Simulated teachers post ~$rate requests/s (log in .run/simulator.log). Ctrl-C stops everything.
TXT
wait "${pids[0]}"
