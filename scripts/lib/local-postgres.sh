# Shared by scripts/test, scripts/demo, scripts/bench, scripts/update-shapes, scripts/test-packages (source it; do not
# run it).
# Starts a throwaway local PostgreSQL cluster for tests and demos, separate from any system cluster:
# data in $CATALOG_ROLLBACK_PG_DIR (default /tmp/catalog-rollback-pg), port $CATALOG_ROLLBACK_PG_PORT
# (default 55432), listening on 127.0.0.1 only, user postgres with the password in PG_PASSWORD below. fsync is off: the
# data is disposable. PostgreSQL's tools refuse to run as root, so as root they run as user postgres.

PG_PORT="${CATALOG_ROLLBACK_PG_PORT:-55432}"
PG_DIR="${CATALOG_ROLLBACK_PG_DIR:-/tmp/catalog-rollback-pg}"
PG_PASSWORD="Throwaway-pg-55432"
PG_LOCAL_URL="postgres://postgres:${PG_PASSWORD}@127.0.0.1:${PG_PORT}"

pg_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ]; then
    echo "error: no PostgreSQL server binaries found (install postgresql, e.g. apt-get install postgresql-15)" >&2
    return 1
  fi
  echo "$dir"
}

as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_local_postgres() {
  local bin
  bin=$(pg_bindir) || return 1
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    return 0
  fi
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"
    local pwfile="$PG_DIR.pw"
    echo "$PG_PASSWORD" > "$pwfile"
    if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR" "$pwfile"; fi
    chmod 700 "$PG_DIR"
    as_pg_owner "$bin/initdb" -D "$PG_DIR" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  as_pg_owner "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c synchronous_commit=off -c max_connections=200" \
    start >/dev/null
  echo "started a throwaway PostgreSQL on 127.0.0.1:$PG_PORT (data in $PG_DIR)" >&2
}

# Stops the throwaway cluster (scripts/demo --stop). Its data stays in $PG_DIR; the next demo or test starts it
# again. Any other PostgreSQL on the machine is left alone.
stop_local_postgres() {
  local bin
  bin=$(pg_bindir) || return 1
  if [ -f "$PG_DIR/PG_VERSION" ] && as_pg_owner "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    as_pg_owner "$bin/pg_ctl" -D "$PG_DIR" -m fast -w -t 60 stop >/dev/null
    echo "stopped the throwaway PostgreSQL on 127.0.0.1:$PG_PORT (data kept in $PG_DIR; rm -rf it to delete)" >&2
  else
    echo "no throwaway PostgreSQL is running from $PG_DIR" >&2
  fi
}

# Tests use $CATALOG_ROLLBACK_TEST_SERVER when it is set, Testcontainers when Docker runs, else the local cluster.
ensure_test_server() {
  if [ -n "${CATALOG_ROLLBACK_TEST_SERVER:-}" ]; then
    return 0
  fi
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo "Docker is available: tests start PostgreSQL 15 with Testcontainers" >&2
    return 0
  fi
  ensure_local_postgres
  export CATALOG_ROLLBACK_TEST_SERVER="$PG_LOCAL_URL"
}

# psql against the local cluster (database given as $1, then psql options).
local_psql() {
  local db="$1"; shift
  PGPASSWORD="$PG_PASSWORD" "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" "$@"
}
