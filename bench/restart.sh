#!/usr/bin/env bash
# Warm restart (issue 26.5, docs/benchmarks.md): the demo country with a first term of history, then restarts of the Api
# (co-hosted silo, Release) after a crash, each until the republic's summary covers every class watermark. Before each
# start the roll-up cache is emptied, so every class is activated and counted: the worst case of a whole-cluster restart.
# Between starts a short smoke load writes new rows and the Api is killed (no deactivation: snapshots are as old as their
# last write). Ledger snapshots off, then on (a first start to write them, then the measured ones); with "r2r" in the
# modes, starts of a ReadyToRun self-contained publish of the Api (as scripts/build-images.sh publishes it) alternate
# with the "on" ones; with "base" in the modes, starts of the Api built from the commit $RESTART_BASE (default HEAD) in a
# worktree aside alternate with them: a change's before and after in the same run, on the same country; with "pgo1",
# starts of the tree's build with dynamic PGO (DOTNET_TieredPGO=1, the runtime's default, which the hosts turn off); with
# "tc0", without tiered compilation (DOTNET_TieredCompilation=0: each method compiled once, optimized, and never again).
# Each start prints the CPU seconds the Api and the whole machine spent until converged (the rest is PostgreSQL, mostly).
#   bench/restart.sh [size=large] [history rows=3000000] [rounds=3] [load seconds=15] [modes="off on" | "on r2r" | "on base pgo1 tc0" …]
# EDUINFO_PROFILE=/path/perf.data: a perf profile (all CPUs) of the last start with snapshots, until converged; read it
# with bench/profile-report.sh.
# EDUINFO_PG_STATEMENTS=N: PostgreSQL's N most expensive statements (pg_stat_statements, by execution time) of the last
# start with snapshots, until converged: where the database's part of a restart goes.
set -euo pipefail
# The smoke load between starts would profile its own phase into the same file: the variable is taken from it.
profile="${EDUINFO_PROFILE:-}"; unset EDUINFO_PROFILE
profile_env=()
[ -n "$profile" ] && profile_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh
. bench/lib/country.sh
size="${1:-large}"; history="${2:-3000000}"; rounds="${3:-3}"; load="${4:-15}"; modes="${5:-off on}"
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill -9 "$api_pid" 2>/dev/null || true; wait 2>/dev/null || true; pg_stop
  [ -n "${r2r_dir:-}" ] && rm -rf "$r2r_dir"
  [ -n "${base_tree:-}" ] && git -C "$root" worktree remove --force "$base_tree" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

bench_country "$size" "$history"
statements="${EDUINFO_PG_STATEMENTS:-0}"
if [ "$statements" != 0 ]; then
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 restart >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
fi
api_dir="$root/src/Api/bin/Release/net10.0"
r2r_dir=""
if [[ " $modes " == *" r2r "* ]]; then
  r2r_dir="$(mktemp -d /tmp/eduinfo-api-r2r.XXXXXX)"
  dotnet publish src/Api/EduInfo.Api.csproj -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o "$r2r_dir" -nologo -v:q -clp:NoSummary >/dev/null
fi
base_dir=""; base_tree=""
if [[ " $modes " == *" base "* ]]; then
  base_tree="$(mktemp -d /tmp/eduinfo-restart-base.XXXXXX)"
  git worktree add -q --detach "$base_tree" "${RESTART_BASE:-HEAD}"
  (cd "$base_tree" && dotnet build src/Api/EduInfo.Api.csproj -c Release -nologo -v:q -clp:NoSummary >/dev/null)
  base_dir="$base_tree/src/Api/bin/Release/net10.0"
  echo "base: $(git -C "$base_tree" log --oneline -1)"
fi
since() { awk -v now="$(date +%s.%N)" -v t0="$1" 'BEGIN { printf "%.1f", now - t0 }'; }
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "$1"; }
port="$(free_port)"
log="$(mktemp /tmp/eduinfo-restart-api.XXXXXX.log)"
echo "machine: $(nproc) cores; classes $(sql 'select count(*) from classes'), journal $(sql 'select count(*) from journal') rows; log $log"

# One start: empty the roll-up cache, start the Api, time until ready and until the republic is exact, then write for
# a while and kill it. Prints "snapshots=on|off start s ready s converged s".
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
run() {
  local snapshots="$1" label="$2" dir="${3:-$api_dir}" perf_pid="" extra_env=(${4:-})
  local launch=(dotnet EduInfo.Api.dll); [ -f "$dir/libcoreclr.so" ] && launch=(./EduInfo.Api) # a self-contained publish: its own runtime
  sql "DELETE FROM orleansstorage" >/dev/null
  if [ -n "$profile" ] && [ "$snapshots" = true ] && [ "$label" = "run $rounds" ]; then
    # No synthesis of running processes (dotnet's many mappings took perf most of a minute); stopped by ending its sleep.
    perf record -a -g -F 199 --synth=no -o "$profile" -- sleep 100000 >/dev/null 2>&1 & perf_pid=$!
    sleep 1
  fi
  local last=""; [ "$snapshots" = true ] && [ "$label" = "run $rounds" ] && last=1
  [ -n "$last" ] && [ "$statements" != 0 ] && sql "SELECT pg_stat_statements_reset()" >/dev/null
  local t0 busy0; t0=$(date +%s.%N); busy0=$(busy)
  ( cd "$dir" && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
      Rollup__LedgerSnapshots="$snapshots" RateLimits__PerAddressPerSecond=0 RateLimits__LoginsPerAddressPerMinute=0 RateLimits__PerUserPerSecond=0 \
      exec env "${profile_env[@]}" "${extra_env[@]}" "${launch[@]}" --urls "http://127.0.0.1:$port" ) >>"$log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
  local ready; ready=$(since "$t0")
  dotnet "$tools" bench-converge "http://127.0.0.1:$port" | grep -v "^converged" || true
  local converged; converged=$(since "$t0")
  local api_cpu all_cpu tick; tick=$(getconf CLK_TCK)
  api_cpu=$(awk -v t="$(cpu_of "$api_pid")" -v h="$tick" 'BEGIN { printf "%.0f", t / h }')
  all_cpu=$(awk -v a="$busy0" -v b="$(busy)" -v h="$tick" 'BEGIN { printf "%.0f", (b - a) / h }')
  [ -n "$perf_pid" ] && { pkill -P "$perf_pid" sleep; wait "$perf_pid" 2>/dev/null || true; }
  if [ -n "$last" ] && [ "$statements" != 0 ]; then
    echo "PostgreSQL's statements until converged (calls, total ms, mean ms, rows, statement):"
    sql "SELECT calls || ' | ' || round(total_exec_time) || ' | ' || round(mean_exec_time::numeric, 3) || ' | ' || rows || ' | '
           || left(regexp_replace(query, '\s+', ' ', 'g'), 140)
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $statements"
    sql "SELECT 'all statements: ' || sum(calls) || ' calls, ' || round(sum(total_exec_time)) || ' ms' FROM pg_stat_statements"
  fi
  printf 'snapshots=%s %-8s ready %5.1f s  converged %6.1f s  CPU: Api %s s, machine %s s  (snapshots stored %s, %s)\n' "$snapshots" "$label" \
    "$ready" "$converged" "$api_cpu" "$all_cpu" "$(sql 'select count(*) from class_ledger_snapshots')" "$(sql "select coalesce(pg_size_pretty(sum(length(data))), '0 bytes') from class_ledger_snapshots")"
  dotnet "$tools" bench-smoke "http://127.0.0.1:$port" "$load" 16 | grep -m1 -i "acknowledged\|marks" || true
  kill -9 "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""
}

if [[ " $modes " == *" off "* ]]; then
  for i in $(seq 1 "$rounds"); do run false "run $i"; done
fi
if [[ " $modes " == *" on "* || " $modes " == *" pgo1 "* || " $modes " == *" tc0 "* || -n "$r2r_dir" || -n "$base_dir" ]]; then
  sql "TRUNCATE class_ledger_snapshots" >/dev/null
  run true "first"
  for i in $(seq 1 "$rounds"); do
    if [[ " $modes " == *" on "* ]]; then run true "run $i"; fi
    if [[ " $modes " == *" pgo1 "* ]]; then run true "pgo1 $i" "$api_dir" "DOTNET_TieredPGO=1"; fi
    if [[ " $modes " == *" tc0 "* ]]; then run true "tc0 $i" "$api_dir" "DOTNET_TieredCompilation=0"; fi
    if [ -n "$r2r_dir" ]; then run true "r2r $i" "$r2r_dir"; fi
    if [ -n "$base_dir" ]; then run true "base $i" "$base_dir"; fi
  done
fi
