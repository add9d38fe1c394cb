#!/usr/bin/env bash
# Restores a dump written by scripts/backup.sh into an EMPTY database, in one transaction (all or nothing), then
# refreshes the planner statistics. Create the database first (createdb, or CREATE DATABASE). Afterwards start the
# cluster on it: the roll-up cache is empty, so every summary is rebuilt from the journal as it is read.
# See docs/operations.md.
#
# Usage: scripts/restore.sh FILE
# The target database comes from the libpq environment: PGHOST, PGPORT, PGUSER, PGDATABASE (and PGPASSWORD).
set -euo pipefail
file="${1:?usage: scripts/restore.sh FILE}"
: "${PGDATABASE:?restore: set PGDATABASE to the (empty) target database}"
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"
[ -x "$bin/pg_restore" ] || { echo "restore: pg_restore not found (set PG_BIN)" >&2; exit 1; }

tables="$("$bin/psql" -X -A -t -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
[ "$tables" = 0 ] || { echo "restore: $PGDATABASE is not empty ($tables tables); restore into a new database" >&2; exit 1; }

"$bin/pg_restore" --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$PGDATABASE" "$file"
"$bin/vacuumdb" --analyze-only --quiet --dbname="$PGDATABASE"
echo "restore: $file restored into $PGDATABASE"
