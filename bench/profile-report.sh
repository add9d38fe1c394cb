#!/usr/bin/env bash
# Summarizes a CPU profile taken by a benchmark's measured phase (EDUINFO_PROFILE=/path/perf.data bench/smoke.sh …):
# the CPU share of each process and thread kind, the hottest functions by their own time, and the managed frames of
# the Api by inclusive time (where its CPU goes, call path by call path).
#   bench/profile-report.sh perf.data [lines=40]
set -euo pipefail
data="${1:?usage: bench/profile-report.sh perf.data [lines]}"
lines="${2:-40}"
report() { perf report -i "$data" --stdio --quiet "$@" 2>/dev/null | grep -v '^$' ; }

echo "== CPU by process (comm), % of all samples"
report --no-children --sort comm --percent-limit 0.5 | head -n "$lines"
echo
echo "== hottest functions by own time (comm, shared object, symbol)"
report --no-children --sort comm,dso,sym --percent-limit 0.3 -g none | head -n "$lines"
echo
echo "== the Api's managed frames by inclusive time (% of all samples)"
# JIT-compiled frames live in perf-<pid>.map (the scripts turn W^X off while profiling, or perf sees only "memfd:doublemapper");
# perf names that object after the file or "[JIT] tid <pid>", depending on its version: both are asked for.
map="$(ls -t /tmp/perf-*.map 2>/dev/null | head -1)"
pid="$(basename "${map:-perf-0.map}" .map)"; pid="${pid#perf-}"
report --children --sort sym -g none --percent-limit 1 --dsos "perf-$pid.map,[JIT] tid $pid" \
    | head -n "$lines"
