#!/usr/bin/env bash
# Membership changes under load (issue #25 item 7, docs/operations.md): the integration test MembershipChangeTests
# on a bigger demo country and longer phases. It starts its own PostgreSQL (fsync on), two silo processes and the Api
# (Release build), runs the journal mix while the cluster goes 2 → 4 → 1 → 2 silos and is rolled silo by silo (SIGTERM
# each time), then checks 0 lost / 0 duplicated acknowledged entries and every summary against the journal recount,
# and prints the per-phase table (silos, duration, acknowledged, refused, request p99, freshness p99).
#   bench/membership.sh [size=small] [hold seconds=60] [writers=8]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export EDUINFO_MEMBERSHIP_SIZE="${1:-small}" EDUINFO_MEMBERSHIP_HOLD_SECONDS="${2:-60}" EDUINFO_MEMBERSHIP_CLIENTS="${3:-8}"
dotnet build EduInfo.sln -c Release -nologo -v:q -clp:NoSummary >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); build $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tests || echo ' (with uncommitted changes)')"
log="$(mktemp /tmp/eduinfo-membership.XXXXXX.log)"
status=0
dotnet test tests/EduInfo.IntegrationTests/EduInfo.IntegrationTests.csproj -c Release --no-build \
  --logger "console;verbosity=detailed" --filter "FullyQualifiedName~MembershipChangeTests" >"$log" 2>&1 || status=$?
grep -E '^\s*(\||tiny |small |large |acknowledged |Passed |Failed |Assert)' "$log" || true
echo "full output: $log"
exit "$status"
