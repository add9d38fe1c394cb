# Sourced by the benchmarks after scripts/lib/pg.sh: a fresh PostgreSQL tuned for a 10-million-row journal, the
# Release build, and the demo country of `size` with `rows` of a first term's past journal (and the naive baseline's
# copy). Leaves PG_PORT, ConnectionStrings__EduInfo and tools (the eduinfo CLI) set.
bench_country() {
  local size="$1" rows="$2"
  bench_database
  dotnet "$tools" seed "$size" --no-history | grep -v "demo login"
  dotnet "$tools" bench-history "$rows"
}

# The demo country of `size` with its own journal (the demo's history: roll-calls, marks, summatives, closed terms)
# up to the day before `until`, the domain clock pinned there (Development only): a whole year when `until` is in the
# year's last week. The commands run after it need the same clock (Clock__PinnedUtc="$until").
bench_country_until() {
  local size="$1" until="$2"
  bench_database
  Clock__PinnedUtc="$until" DOTNET_ENVIRONMENT=Development dotnet "$tools" seed "$size" | grep -v "demo login"
}

bench_database() {
  pg_start "$(free_port)"
  # Room for a 10-million-row journal and its indexes, and no checkpoint storm while the history loads.
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "ALTER SYSTEM SET shared_buffers = '2GB'" -c "ALTER SYSTEM SET max_wal_size = '8GB'"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 restart >/dev/null
  export ConnectionStrings__EduInfo="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=100"
  dotnet build EduInfo.sln -c Release -nologo -v:q -clp:NoSummary >/dev/null
  tools="$root/src/Tools/bin/Release/net10.0/eduinfo.dll"
}

# The small demo country on a fresh PostgreSQL with default settings and the Release build (the smoke-sized
# benchmarks). Leaves PG_PORT, ConnectionStrings__EduInfo and tools set, as bench_country does.
bench_small_country() {
  pg_start "$(free_port)"
  export ConnectionStrings__EduInfo="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=100"
  dotnet build EduInfo.sln -c Release -nologo -v:q -clp:NoSummary >/dev/null
  tools="$root/src/Tools/bin/Release/net10.0/eduinfo.dll"
  dotnet "$tools" seed small | grep -v "demo login"
}
