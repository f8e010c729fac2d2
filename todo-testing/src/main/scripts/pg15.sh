#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 for running todokit's tests against it.
#
#   eval "$(todo-testing/src/main/scripts/pg15.sh start 55432)"   # exports TODO_PG_URL
#   ./mvnw -B -q -pl todo-schema verify
#   todo-testing/src/main/scripts/pg15.sh stop
#
# start PORT  initializes (once) and starts a server on 127.0.0.1:PORT, trust authentication,
#             superuser postgres; prints `export TODO_PG_URL=…` on stdout (messages go to
#             stderr). Idempotent: a server already running in the directory is reused.
# stop        stops the server and removes its directory. Idempotent.
# status      prints the URL and exits 0 when the server runs, exits 1 otherwise.
#
# Settings: PG15_DIR (default /tmp/pg15) holds data/, the log and the socket; PG15_BIN (default
# /usr/lib/postgresql/15/bin). When the binaries are missing and this runs as root on Debian or
# Ubuntu, it installs the postgresql-15 package. initdb refuses to run as root, so as root the
# server runs as the postgres OS user.
set -euo pipefail

DIR="${PG15_DIR:-/tmp/pg15}"
BIN="${PG15_BIN:-/usr/lib/postgresql/15/bin}"
DATA="$DIR/data"

say() { echo "pg15: $*" >&2; }

usage() {
  say "usage: $0 start PORT | stop | status"
  exit 2
}

# Runs a command as the server's OS user: postgres when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    local quoted
    printf -v quoted '%q ' "$@"
    su postgres -s /bin/sh -c "$quoted"
  else
    "$@"
  fi
}

ensure_binaries() {
  if [ -x "$BIN/pg_ctl" ]; then
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing postgresql-15 (no binaries at $BIN)"
    apt-get update -qq >&2
    # policy-rc.d 101: do not start the package's own cluster on port 5432.
    local policy=/usr/sbin/policy-rc.d created_policy=no
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=yes
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
    if [ "$created_policy" = yes ]; then rm -f "$policy"; fi
  fi
  if [ ! -x "$BIN/pg_ctl" ]; then
    say "no PostgreSQL 15 binaries at $BIN: install postgresql-15 or set PG15_BIN"
    exit 1
  fi
}

running() {
  [ -d "$DATA" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

running_port() {
  # Line 4 of postmaster.pid is the port.
  sed -n 4p "$DATA/postmaster.pid" 2>/dev/null
}

print_url() {
  echo "export TODO_PG_URL=jdbc:postgresql://127.0.0.1:$1/postgres"
}

start() {
  local port="${1:-}"
  [[ "$port" =~ ^[0-9]+$ ]] || usage
  ensure_binaries
  if running; then
    local current
    current="$(running_port)"
    if [ "$current" != "$port" ]; then
      say "a server already runs in $DIR on port $current, not $port: run '$0 stop' first"
      exit 1
    fi
    say "already running on 127.0.0.1:$port"
    print_url "$port"
    return
  fi
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >&2
  fi
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/log" -w -t 60 \
    -o "-p $port -k $DIR -c listen_addresses=127.0.0.1" start >&2 || {
    say "the server did not start; its log ends with:"
    tail -n 20 "$DIR/log" >&2 || true
    exit 1
  }
  say "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port"
  print_url "$port"
}

stop() {
  if [ -x "$BIN/pg_ctl" ] && running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  fi
  rm -rf "$DIR"
  say "stopped; removed $DIR"
}

status() {
  if [ -x "$BIN/pg_ctl" ] && running; then
    print_url "$(running_port)"
  else
    say "not running"
    exit 1
  fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
