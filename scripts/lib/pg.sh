# Throwaway PostgreSQL for tests and the demo: sourced by scripts/test.sh and scripts/run.sh.
# pg_start PORT DATADIR_VAR  -> starts a private server on 127.0.0.1:PORT (installs PostgreSQL if missing)
# pg_stop                     -> stops it and removes its data directory unless PG_KEEP=1

PG_BIN=""

pg_find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && PG_BIN="$dir"
  done
  [ -n "$PG_BIN" ]
}

pg_install() {
  if pg_find_bin; then return 0; fi
  if [ "$(id -u)" != 0 ]; then echo "PostgreSQL is missing and this is not root; install postgresql." >&2; return 1; fi
  echo "Installing PostgreSQL (apt-get)..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_find_bin
}

# Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root).
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local port="$1"
  pg_install || return 1
  PG_DATA="${PG_DATA:-$(mktemp -d /tmp/eduinfo-pg.XXXXXX)}"
  PG_PORT="$port"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DATA"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DATA.initdb.log" 2>&1 \
      || { cat "$PG_DATA.initdb.log" >&2; return 1; }
    cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_DATA'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
  fi
  # The port on the command line: a kept data folder (scripts/run.sh) may have been made for another port.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -o "-p $port" -w -t 60 start >/dev/null \
    || { cat "$PG_DATA/server.log" >&2; return 1; }
  PG_ADMIN="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  export PG_DATA PG_PORT PG_ADMIN
}

pg_stop() {
  [ -n "${PG_DATA:-}" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  if [ "${PG_KEEP:-0}" != 1 ]; then rm -rf "$PG_DATA" "$PG_DATA.initdb.log"; fi
}

# A free TCP port on loopback.
free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}
