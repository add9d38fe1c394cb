#!/usr/bin/env bash
# Issue #25: a real Prometheus against a running cluster. Starts scripts/run.sh --cluster (two silos, the Api, the
# simulated journal traffic; own ports), scrapes the three processes every 5 s with the alert rules of
# ops/prometheus/eduinfo.rules.yml loaded, lets the traffic run, then queries the figures back through Prometheus's
# HTTP API: targets up, journal entries per second, freshness p99 per level, sheds, write errors, ring size, alerts.
# Exits non-zero when a target is down or a figure the rules need is missing.
#   bench/observability.sh [seconds of traffic=150] [simulated requests/s=8]
# Not alongside scripts/run.sh: both keep their PostgreSQL in .run/pg. The simulator writes on school days only.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-150}"
port=5280 pg_port=55632 prom_port=9390
work="$(mktemp -d /tmp/eduinfo-observability.XXXXXX)"
if [ -f .run/pg/postmaster.pid ] && kill -0 "$(head -1 .run/pg/postmaster.pid)" 2>/dev/null; then
  echo "scripts/run.sh seems to be running (.run/pg is in use): stop it first." >&2; exit 2
fi
run_pid="" prom_pid=""
cleanup() {
  # run.sh leads its own process group (setsid): TERM to the group reaches a build or seed in progress too.
  [ -n "$prom_pid" ] && kill "$prom_pid" 2>/dev/null
  [ -n "$run_pid" ] && kill -TERM -- "-$run_pid" 2>/dev/null
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Built first, so that the wait below is the cluster's start and not the compiler's.
dotnet build EduInfo.sln -c Release -nologo -v:q -clp:NoSummary >/dev/null
EDUINFO_PORT=$port EDUINFO_PG_PORT=$pg_port EDUINFO_SIM_RATE="${2:-8}" EDUINFO_SILO_PORT=11411 EDUINFO_GATEWAY_PORT=30400 \
  setsid scripts/run.sh --cluster >"$work/run.log" 2>&1 &
run_pid=$!
for _ in $(seq 1 600); do
  grep -q "EduInfo is running" "$work/run.log" && break
  kill -0 "$run_pid" 2>/dev/null || { tail -30 "$work/run.log"; exit 1; }
  sleep 1
done
grep -q "EduInfo is running" "$work/run.log" || { echo "the cluster did not start: $work/run.log" >&2; exit 1; }

# The same rules and job names as ops/prometheus/prometheus.yml, with the local processes as static targets.
cp ops/prometheus/eduinfo.rules.yml "$work/"
cat >"$work/prometheus.yml" <<YML
global: { scrape_interval: 5s, evaluation_interval: 5s }
rule_files: [eduinfo.rules.yml]
scrape_configs:
  - job_name: eduinfo-api
    static_configs: [{ targets: ["127.0.0.1:$((port + 10))"] }]
  - job_name: eduinfo-silo
    static_configs: [{ targets: ["127.0.0.1:$((port + 11))", "127.0.0.1:$((port + 12))"] }]
YML
promtool check config "$work/prometheus.yml" >/dev/null
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
echo "machine: $(nproc) cores; build $(git rev-parse --short HEAD); traffic for $seconds s; Prometheus on :$prom_port, files in $work"
sleep "$seconds"

query() { # PromQL -> "labels value" lines
  curl -fsS --get "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1" \
    | jq -r '.data.result[] | "\(.metric | del(.__name__) | to_entries | map("\(.key)=\(.value)") | join(",")) \(.value[1])"'
}
status=0
show() { # title PromQL [required]
  local result; result="$(query "$2")"
  printf '%s\n' "$1:"; if [ -n "$result" ]; then sed 's/^/  /' <<<"$result"; else echo "  (no series)"; fi
  if [ "${3:-}" = required ] && [ -z "$result" ]; then echo "  MISSING" ; status=1; fi
}
show "targets up" 'up' required
[ "$(query 'sum(up)' | awk '{print $NF}')" = 3 ] || { echo "  not all 3 targets are up"; status=1; }
show "journal entries/s (1 min)" 'sum by (kind) (rate(eduinfo_journal_entries_total[1m]))' required
show "batches answered/s by outcome" 'sum by (outcome) (rate(eduinfo_journal_batches_total[1m]))'
show "batches refused by reason (whole run)" 'sum by (reason) (eduinfo_journal_batches_refused_total)'
show "freshness p99 per level (recorded, 5 min)" 'level:eduinfo_rollup_freshness_seconds:p99_5m' required
show "freshness p50 per level" 'histogram_quantile(0.5, sum by (le, level) (rate(eduinfo_rollup_freshness_seconds_bucket[5m])))'
show "summary publishes/s per level" 'sum by (level) (rate(eduinfo_rollup_publishes_total[1m]))' required
show "admission shed ratio" 'eduinfo:admission_shed_ratio:rate5m' required
show "journal write error ratio" 'eduinfo:journal_write_error_ratio:rate5m' required
show "drift found per level" 'sum by (level) (eduinfo_rollup_drift_found_total)' required
show "ring size per silo" 'orleans_consistent_ring_size' required
show "live viewers" 'eduinfo_live_viewers'
show "overdue e-service decisions" 'max(eduinfo_eservices_overdue_decisions)' required
show "Api request p99 by route (top 5)" 'topk(5, histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket{job="eduinfo-api"}[5m]))))'
show "alerts" 'ALERTS'
exit "$status"
