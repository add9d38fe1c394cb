#!/usr/bin/env bash
# Memory per kind of grain (issue 26.3, docs/benchmarks.md, docs/capacity.md), in three parts:
# 1. A class's ledger: synthetic classes of 25 pupils filled through the ledger's own write path to two terms and to
#    the whole year; bytes per ledger, and per summary the class grain keeps beside it (no database).
# 2. The grains themselves: the demo country of `size` with `rows` of a first term's journal, activated once and
#    stopped gracefully (roll-up caches and ledger snapshots written), then `rounds` fresh silos (bench/GrainMemory: the
#    production silo in the measuring process, idle collection off) that each activate every area, organization and
#    class, then `students` students woken but not loaded, then the same loaded; bytes per activation of each kind =
#    growth of the heap after a full compacting collection ÷ activations added.
# 3. A class grain with a year: the medium demo country (the small one's 971 classes with 25 pupils each) seeded with
#    the domain clock pinned on 25 May, so its journal holds the whole year (about 5 million rows at the demo's
#    density: roll-calls, marks, summatives, closed terms), then `year rounds` fresh silos measured as in part 2.
#   bench/grain-memory.sh [classes=200] [rows=3000000] [rounds=3] [students=50000] [size=large] [year rounds=1]
#   (rows=0: part 2 skipped; year rounds=0: part 3 skipped)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
classes="${1:-200}"; rows="${2:-3000000}"; rounds="${3:-3}"; students="${4:-50000}"; size="${5:-large}"; year_rounds="${6:-1}"
dotnet build src/Tools/EduInfo.Tools.csproj -c Release -nologo -v:q -clp:NoSummary >/dev/null
tools="$root/src/Tools/bin/Release/net10.0/eduinfo.dll"
for through in 2026-12-25 2027-05-25; do
  dotnet "$tools" bench-ledger-memory "$classes" "$through"
done
[ "$rows" = 0 ] && [ "$year_rounds" = 0 ] && exit 0

. scripts/lib/pg.sh
. bench/lib/country.sh
trap pg_stop EXIT INT TERM
dotnet build bench/GrainMemory -c Release -nologo -v:q -clp:NoSummary >/dev/null
measure="$root/bench/GrainMemory/bin/Release/net10.0/EduInfo.Bench.GrainMemory.dll"
journal() {
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 'journal: ' || count(*) || ' rows, ' || min(lesson_date) || ' to ' || max(lesson_date) FROM journal" || true
}
measure_rounds() {
  dotnet "$measure" warm | tail -1
  for round in $(seq 1 "$1"); do
    echo "round $round"
    dotnet "$measure" measure "$2"
  done
}

if [ "$rows" != 0 ]; then
  bench_country "$size" "$rows"
  journal
  measure_rounds "$rounds" "$students"
  pg_stop; unset PG_DATA
fi

if [ "$year_rounds" != 0 ]; then
  echo "a class grain with a year: the medium country, the clock on 25 May"
  year_end=2027-05-25T10:00:00Z # a Tuesday of the 2026-2027 year's last school week
  bench_country_until medium "$year_end"
  journal
  Clock__PinnedUtc="$year_end" DOTNET_ENVIRONMENT=Development measure_rounds "$year_rounds" 5000
fi
