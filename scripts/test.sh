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

# The browser tests (tests/EduInfo.IntegrationTests/Web) drive Debian's Chromium, never a browser Playwright downloads.
# Without it they fail with a message naming the missing browser; they are not skipped.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  echo "Installing chromium (apt-get)..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
[ -x /usr/bin/chromium ] || echo "chromium is missing and cannot be installed: the browser tests will fail" >&2

# The alert rules are checked and unit-tested with promtool (tests/EduInfo.UnitTests/Deployment/AlertRulesTests.cs),
# which comes with Debian's prometheus package (the server is not started).
if [ ! -x /usr/bin/promtool ] && [ "$(id -u)" = 0 ]; then
  echo "Installing prometheus for promtool (apt-get)..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
[ -x /usr/bin/promtool ] || echo "promtool is missing and cannot be installed: the alert rule tests will fail" >&2

# The Kubernetes manifest tests render k8s/ with /usr/bin/kubectl (kustomize, offline); without it they fail, never skip.
# Debian 12's kubernetes-client is kubectl 1.20, whose kustomize predates `labels:`: a kubectl of 1.27 or later is wanted.
if [ ! -x /usr/bin/kubectl ] && [ "$(id -u)" = 0 ]; then
  echo "Installing kubernetes-client (apt-get; kubectl 1.20 on Debian 12, possibly too old for k8s/)..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
fi
[ -x /usr/bin/kubectl ] || echo "kubectl is missing at /usr/bin/kubectl and cannot be installed: the Kubernetes manifest tests will fail (install kubectl 1.27+)" >&2

pg_start "$(free_port)" || { echo "0 passed, 1 failed"; exit 1; }
export EDUINFO_TEST_PG="$PG_ADMIN"
echo "PostgreSQL for tests: 127.0.0.1:$PG_PORT"

dotnet build EduInfo.sln -c Release -nologo -clp:NoSummary -v:q || { echo "0 passed, 1 failed"; exit 1; }

status=0
not_run=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=normal" "$@" || status=1
done

# The same tests five years on: under libfaketime the wall clock says 2031 while every test pins its own date, so a
# test or product path that still reads the wall clock for a date fails here. A short pass: the unit tests and the
# API classes whose dates once were time bombs (the whole suite passes under faketime too: docs/testing.md).
later_filter="FullyQualifiedName~TimetableApiTests|FullyQualifiedName~CalendarAndPolicyApiTests|FullyQualifiedName~TermMarksApiTests"
later_filter+="|FullyQualifiedName~HostileInputTests|FullyQualifiedName~SummaryYearTests|FullyQualifiedName~AuthorizationMatrixTests|FullyQualifiedName~MidnightTests"
if [ "$#" -eq 0 ]; then
  if ! command -v faketime >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "Installing faketime (apt-get)..." >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  fi
  if command -v faketime >/dev/null; then
    echo "Five years on (faketime -f +5y: $(faketime -f '+5y' date -u +%F)):"
    faketime -f '+5y' dotnet test tests/EduInfo.UnitTests/EduInfo.UnitTests.csproj -c Release --no-build -nologo \
      --logger "trx;LogFileName=$results/later-unit.trx" || status=1
    faketime -f '+5y' dotnet test tests/EduInfo.IntegrationTests/EduInfo.IntegrationTests.csproj -c Release --no-build -nologo \
      --filter "$later_filter" --logger "trx;LogFileName=$results/later-integration.trx" || status=1
  else
    echo "faketime is missing and cannot be installed: the five-years-on pass did not run" >&2; status=1; not_run=1
  fi
fi

# Sum the counters of every TRX file (one per test project, and the five-years-on pass).
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${x:-0}))
done
count=$(ls "$results"/*.trx 2>/dev/null | grep -vc "/later-")
expected=$(ls tests/*/*.csproj | wc -l)
if [ "$count" -lt "$expected" ]; then
  echo "only $count of $expected test projects produced results" >&2; failed=$((failed + expected - count)); status=1
fi
failed=$((failed + not_run))
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && status=1
# Name each failed test and the first line of its message just above the counter line, where a CI log's tail shows them.
if [ "$failed" -gt 0 ]; then
  python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for r in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
        first = (message.text or "").strip().splitlines()[0][:600] if message is not None and message.text else ""
        print(f"FAILED {r.get('testName')} ({trx.rsplit('/', 1)[-1]}): {first}")
PY
fi
rm -rf "$results"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
