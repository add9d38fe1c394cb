#!/usr/bin/env bash
# Memory per kind of grain (issue 26.3, docs/benchmarks.md, docs/capacity.md), in two parts:
# 1. A class's ledger: synthetic classes of 25 pupils filled through the ledger's own write path to two terms and to
#    the whole year; bytes per ledger, and per summary the class grain keeps beside it (no database).
# 2. The grains themselves: the demo country of `size` with `rows` of a first term's journal, activated once and
#    stopped gracefully (roll-up caches and ledger snapshots written), then `rounds` fresh silos (bench/GrainMemory: the
#    production silo in the measuring process, idle collection off) that each activate every area, organization and
#    class, then `students` students woken but not loaded, then the same loaded; bytes per activation of each kind =
#    growth of the heap after a full compacting collection ÷ activations added.
#   bench/grain-memory.sh [classes=200] [rows=3000000] [rounds=3] [students=50000] [size=large]   (rows=0: part 1 only)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
classes="${1:-200}"; rows="${2:-3000000}"; rounds="${3:-3}"; students="${4:-50000}"; size="${5:-large}"
dotnet build src/Tools/EduInfo.Tools.csproj -c Release -nologo -v:q -clp:NoSummary >/dev/null
tools="$root/src/Tools/bin/Release/net10.0/eduinfo.dll"
for through in 2026-12-25 2027-05-25; do
  dotnet "$tools" bench-ledger-memory "$classes" "$through"
done
[ "$rows" = 0 ] && exit 0

. scripts/lib/pg.sh
. bench/lib/country.sh
trap pg_stop EXIT INT TERM
bench_country "$size" "$rows"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 'journal: ' || count(*) || ' rows, ' || min(lesson_date) || ' to ' || max(lesson_date) FROM journal" || true
dotnet build bench/GrainMemory -c Release -nologo -v:q -clp:NoSummary >/dev/null
measure="$root/bench/GrainMemory/bin/Release/net10.0/EduInfo.Bench.GrainMemory.dll"
dotnet "$measure" warm
for round in $(seq 1 "$rounds"); do
  echo "round $round"
  dotnet "$measure" measure "$students"
done
