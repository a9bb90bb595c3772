#!/usr/bin/env bash
# Usage: tools/with-postgres.sh CMD [ARGS...]
#
# Runs CMD against a throwaway PostgreSQL 15 cluster: initdb into a temporary directory,
# listen on 127.0.0.1 only (a free port picked now), trust authentication on loopback only,
# create a database, export SQLMODEL_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/DB
# (for the test suites) and SQLMODEL_DATABASE_URL with the same URL (for the tools, so
# `tools/with-postgres.sh sqlmodel-migrate upgrade` needs no --url), run CMD, then stop the
# server and delete the directory, whatever CMD did. The exit code is CMD's.
#
# Durability settings are off: the cluster lives for one run, so crash safety buys nothing
# and fsync would dominate the test time.
set -euo pipefail

PG_VERSION=15
PG_BIN=${SQLMODEL_PG_BIN:-/usr/lib/postgresql/${PG_VERSION}/bin}
DATABASE=${SQLMODEL_TEST_PG_DATABASE:-sqlmodel_test}

die() { echo "with-postgres.sh: $*" >&2; exit 1; }

[[ $# -gt 0 ]] || die "usage: tools/with-postgres.sh CMD [ARGS...]"

if [[ ! -x "$PG_BIN/initdb" ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "with-postgres.sh: PostgreSQL ${PG_VERSION} is missing; installing it" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "postgresql-${PG_VERSION}"
  else
    die "PostgreSQL ${PG_VERSION} is not installed ($PG_BIN/initdb not found); run:
    sudo apt-get install -y postgresql-${PG_VERSION}"
  fi
fi

# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` OS user.
if [[ $(id -u) -eq 0 ]]; then
  getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' user"
  as_server_user() { runuser -u postgres -- "$@"; }
else
  as_server_user() { "$@"; }
fi

CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sqlmodel-pg.XXXXXX")
DATA_DIR="$CLUSTER_DIR/data"
LOG_FILE="$CLUSTER_DIR/server.log"

cleanup() {
  local status=$?
  # A second INT or TERM must not cut the cleanup short and leave the server running.
  trap '' INT TERM
  # Also when a signal came while the server was still starting: pg_ctl stop goes by the data
  # directory's postmaster.pid, and does nothing when there is none. Immediate mode: nothing
  # in a throwaway cluster is worth a checkpoint.
  if [[ -d $DATA_DIR ]]; then
    as_server_user "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m immediate -w >/dev/null 2>&1 || true
  fi
  rm -rf "$CLUSTER_DIR"
  return $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$CLUSTER_DIR"
fi
chmod 700 "$CLUSTER_DIR"

as_server_user "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 --no-sync >"$CLUSTER_DIR/initdb.log" 2>&1 ||
  { cat "$CLUSTER_DIR/initdb.log" >&2; die "initdb failed"; }

# Trust is acceptable only because nothing but this machine's loopback can reach the server.
as_server_user tee "$DATA_DIR/pg_hba.conf" >/dev/null <<'EOF'
local all all               trust
host  all all 127.0.0.1/32  trust
EOF

port_is_free() {
  # A refused connection means nobody listens there.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Another process can take the port between the check and the bind, so a failed start is
# retried on a different port.
PORT=
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  candidate=$((20000 + RANDOM % 40000))
  port_is_free "$candidate" || continue
  if as_server_user "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -c port=$candidate -c unix_socket_directories='$CLUSTER_DIR' \
       -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
       -c max_connections=100 -c shared_buffers=32MB" >/dev/null 2>&1; then
    PORT=$candidate
    break
  fi
  # A server that failed to start may still have left a postmaster.pid behind.
  as_server_user "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m immediate >/dev/null 2>&1 || true
done
if [[ -z $PORT ]]; then
  [[ -f $LOG_FILE ]] && cat "$LOG_FILE" >&2
  die "could not start PostgreSQL (attempt $attempt)"
fi

"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30 || die "PostgreSQL on port $PORT is not ready"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DATABASE" ||
  die "could not create database $DATABASE"

export SQLMODEL_TEST_PG_URL="postgresql://postgres@127.0.0.1:${PORT}/${DATABASE}"
export SQLMODEL_DATABASE_URL=$SQLMODEL_TEST_PG_URL
echo "with-postgres.sh: PostgreSQL ${PG_VERSION} at $SQLMODEL_TEST_PG_URL" >&2

# CMD runs in the background so that a TERM or INT reaching this script is handled at once
# (a foreground child would delay the trap until it exits): it is forwarded to CMD, then the
# EXIT trap removes the cluster. Stdin is passed on explicitly, as a background job would
# otherwise read /dev/null.
"$@" <&0 &
CHILD=$!
# CMD's own children too (a `sh -c '...; sleep 60'` would otherwise leave its sleep running):
# the whole tree is listed before any of it is signalled, since a dying parent's children are
# re-parented and could no longer be found.
process_tree() {
  local child
  echo "$1"
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do process_tree "$child"; done
}
stop_child() {
  local pids
  pids=$(process_tree "$CHILD")
  # shellcheck disable=SC2086  # one pid per word
  kill -TERM $pids 2>/dev/null || true
  wait "$CHILD" 2>/dev/null || true
}
trap 'stop_child; exit 130' INT
trap 'stop_child; exit 143' TERM
status=0
wait "$CHILD" || status=$?
exit $status
