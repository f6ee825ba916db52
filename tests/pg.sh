#!/usr/bin/env bash
# A throwaway PostgreSQL for the records service tests: Debian's `postgresql` (installed when
# missing), initdb in a temporary folder, listening only on a Unix socket there, run as an
# unprivileged user (PostgreSQL refuses root).
#   tests/pg.sh start [PID]  prints the database URL; with PID, stops it once PID has exited
#   tests/pg.sh stop URL     stops it and removes its folder
set -euo pipefail
as_user() { if [ "$(id -u)" = 0 ]; then runuser -u "$PGUSER_OS" -- "$@"; else "$@"; fi; }
bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGUSER_OS=postgres

stop() { # DIR
  [ -d "$1/data" ] && as_user "$(bin)/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$1"
}

case "${1:-}" in
start)
  if [ -z "$(bin)" ]; then
    echo "pg.sh: installing Debian's postgresql" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common >&2
    # Only the server binaries: no cluster of the package's own started at install.
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/postguard.conf
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  if [ "$(id -u)" = 0 ] && ! id "$PGUSER_OS" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
  fi
  dir=$(mktemp -d /tmp/postguard-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown "$PGUSER_OS" "$dir"
  as_user "$(bin)/initdb" -D "$dir/data" -U postguard -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as_user "$(bin)/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c max_connections=200" start >/dev/null ||
    { cat "$dir/data/server.log" >&2; exit 1; }
  if [ -n "${2:-}" ]; then
    # The watcher must not hold the caller's stdout, or the caller waits for it.
    (while kill -0 "$2" 2>/dev/null; do sleep 1; done; stop "$dir") </dev/null >/dev/null 2>&1 &
    disown
  fi
  echo "postgres://postguard@/postgres?host=$dir"
  ;;
stop)
  dir=${2#*host=}
  case "$dir" in /tmp/postguard-pg.*) stop "$dir" ;; *) echo "pg.sh: not ours: $2" >&2; exit 2 ;; esac
  ;;
*)
  echo "usage: $0 start [PID] | stop URL" >&2
  exit 2
  ;;
esac
