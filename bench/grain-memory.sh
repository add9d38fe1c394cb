#!/usr/bin/env bash
# Memory of a class's ledger (issue 26.3, docs/benchmarks.md): synthetic classes of 25 pupils filled through the
# ledger's own write path to two terms and to the whole year; bytes per ledger, and per summary the class grain keeps
# beside it, after a full compacting collection.
# Needs no database.
#   bench/grain-memory.sh [classes=200]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
classes="${1:-200}"
dotnet build src/Tools/EduInfo.Tools.csproj -c Release -nologo -v:q -clp:NoSummary >/dev/null
tools="$root/src/Tools/bin/Release/net10.0/eduinfo.dll"
for through in 2026-12-25 2027-05-25; do
  dotnet "$tools" bench-ledger-memory "$classes" "$through"
done
