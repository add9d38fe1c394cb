#!/usr/bin/env bash
# Runs every test project against a throwaway PostgreSQL and ends with "N passed, N failed".
# Usage: scripts/test.sh [extra dotnet test args, e.g. --filter ...]
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/lib/pg.sh

results="$(mktemp -d /tmp/eduinfo-test.XXXXXX)"
cleanup() { pg_stop; }
trap cleanup EXIT

pg_start "$(free_port)" || { echo "0 passed, 1 failed"; exit 1; }
export EDUINFO_TEST_PG="$PG_ADMIN"
echo "PostgreSQL for tests: 127.0.0.1:$PG_PORT"

dotnet build EduInfo.sln -c Release -nologo -clp:NoSummary -v:q || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=normal" "$@" || status=1
done

# Sum the counters of every TRX file (one per test project).
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${x:-0}))
done
count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
expected=$(ls tests/*/*.csproj | wc -l)
if [ "$count" -lt "$expected" ]; then
  echo "only $count of $expected test projects produced results" >&2; failed=$((failed + expected - count)); status=1
fi
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && status=1
rm -rf "$results"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
