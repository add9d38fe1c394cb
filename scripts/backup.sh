#!/usr/bin/env bash
# Online backup of the EduInfo database: a consistent snapshot (pg_dump runs in one repeatable-read transaction, so
# the cluster keeps serving while it runs), in pg_dump's custom format (compressed, restorable table by table).
# Derived state is dumped as schema only: the roll-up cache (orleansstorage) and Orleans membership and reminders.
# See docs/operations.md.
#
# Usage: scripts/backup.sh FILE
# The database comes from the libpq environment: PGHOST, PGPORT, PGUSER, PGDATABASE (and PGPASSWORD or ~/.pgpass).
# PG_BIN may name the directory of pg_dump (default: the newest /usr/lib/postgresql/*/bin); it must be at least the
# server's major version.
set -euo pipefail
file="${1:?usage: scripts/backup.sh FILE}"
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"
[ -x "$bin/pg_dump" ] || { echo "backup: pg_dump not found (set PG_BIN)" >&2; exit 1; }

"$bin/pg_dump" --format=custom --no-owner --no-privileges \
  --exclude-table-data=orleansstorage \
  --exclude-table-data=orleansmembershiptable \
  --exclude-table-data=orleansmembershipversiontable \
  --exclude-table-data=orleansreminderstable \
  --file="$file"
echo "backup: ${PGDATABASE:-?} written to $file ($(stat -c %s "$file") bytes)"
