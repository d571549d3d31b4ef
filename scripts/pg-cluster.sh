# Source this file: a throwaway PostgreSQL cluster on a free local port (no systemd).
# pg_cluster_start BIN_DIR sets PG_URL; pg_cluster_stop removes everything.

pg_cluster_start() {
  local bin="$1"
  PG_BIN_DIR="$bin"
  PG_DIR=$(mktemp -d /tmp/khepri-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  PG_AS=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$PG_DIR" 2>/dev/null || { useradd -r postgres 2>/dev/null; chown postgres "$PG_DIR"; }
    PG_AS=(runuser -u postgres --)
  fi
  "${PG_AS[@]}" "$bin/initdb" -D "$PG_DIR/data" -U khepri --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  "${PG_AS[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U khepri khepri
  PG_URL="postgres://khepri@127.0.0.1:$PG_PORT/khepri"
  export PG_URL
  echo "PostgreSQL cluster on port $PG_PORT ($PG_DIR)"
}

pg_cluster_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_AS[@]}" "$PG_BIN_DIR/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
  return 0
}
