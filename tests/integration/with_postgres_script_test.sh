#!/usr/bin/env bash
# Checks tools/with-postgres.sh itself: the URL it exports reaches a working server, the tools
# find it through SQLMODEL_DATABASE_URL without --url, CMD's exit code comes back unchanged, and
# neither the server nor its directory outlives the run, also when the script is stopped with
# TERM while CMD runs.
#
# Usage: with_postgres_script_test.sh path/to/with-postgres.sh path/to/sqlmodel-migrate
set -uo pipefail

WITH_POSTGRES=${1:?usage: with_postgres_script_test.sh path/to/with-postgres.sh path/to/sqlmodel-migrate}
MIGRATE=${2:?usage: with_postgres_script_test.sh path/to/with-postgres.sh path/to/sqlmodel-migrate}
unset SQLMODEL_DATABASE_URL SQLMODEL_TEST_PG_URL
PSQL=/usr/lib/postgresql/15/bin/psql
PG_ISREADY=/usr/lib/postgresql/15/bin/pg_isready

# Without PostgreSQL 15 (and no root to install it) there is nothing to check: skip (CTest's
# SKIP_RETURN_CODE), except under CI, where the server is required.
if [[ ! -x /usr/lib/postgresql/15/bin/initdb && $(id -u) -ne 0 && -z ${CI:-} ]]; then
  echo "SKIP: PostgreSQL 15 is not installed (sudo apt-get install -y postgresql-15)"
  exit 77
fi

# A private TMPDIR, so "nothing left behind" can be checked without racing other runs. The
# server may run as the postgres user, who must be able to reach its directory inside.
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
trap 'rm -rf "$SCRATCH"' EXIT
export TMPDIR="$SCRATCH/tmp"
mkdir -m 755 "$TMPDIR"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

expect_nothing_left() {
  local what=$1 url_file=$2
  local leftovers
  leftovers=$(ls -A "$TMPDIR")
  [[ -z $leftovers ]] || fail "$what: left behind in TMPDIR: $leftovers"
  if [[ -s $url_file ]]; then
    local port
    port=$(sed -E 's|.*:([0-9]+)/.*|\1|' "$url_file")
    if "$PG_ISREADY" -q -h 127.0.0.1 -p "$port" -t 1; then
      fail "$what: a server still answers on port $port"
    fi
  fi
}

# 1. The URL reaches a server on 127.0.0.1 with trust authentication; CMD's output passes through.
url_file="$SCRATCH/url"
output=$("$WITH_POSTGRES" sh -c 'echo "$SQLMODEL_TEST_PG_URL" > "$0"; "$1" "$SQLMODEL_TEST_PG_URL" -Atc "SELECT inet_server_addr(), current_database()"' \
  "$url_file" "$PSQL" 2>/dev/null)
status=$?
[[ $status -eq 0 ]] || fail "psql query: exit code $status"
grep -Eq '^postgresql://postgres@127\.0\.0\.1:[0-9]+/[a-z_]+$' "$url_file" ||
  fail "unexpected SQLMODEL_TEST_PG_URL: $(cat "$url_file")"
[[ $output == "127.0.0.1|"* ]] || fail "psql query printed: $output"
expect_nothing_left "psql query" "$url_file"

# 1b. SQLMODEL_DATABASE_URL is the same URL, so a tool run under the script needs no --url: a
#     project whose sqlmodel.toml names a SQLite file is upgraded on the server instead.
project="$SCRATCH/project"
mkdir -p "$project"
"$MIGRATE" -c "$project/sqlmodel.toml" init >/dev/null || fail "init of the scratch project failed"
"$MIGRATE" -c "$project/sqlmodel.toml" revision --empty --rev-id 0123456789ab -m "first" >/dev/null ||
  fail "revision in the scratch project failed"
: > "$url_file"
output=$("$WITH_POSTGRES" sh -c '
  [ "$SQLMODEL_DATABASE_URL" = "$SQLMODEL_TEST_PG_URL" ] || { echo "SQLMODEL_DATABASE_URL=$SQLMODEL_DATABASE_URL"; exit 1; }
  echo "$SQLMODEL_TEST_PG_URL" > "$0"
  "$1" -c "$2/sqlmodel.toml" upgrade >/dev/null || exit 1
  "$3" "$SQLMODEL_TEST_PG_URL" -Atc "SELECT revision FROM sqlmodel_version"' \
  "$url_file" "$MIGRATE" "$project" "$PSQL" 2>"$SCRATCH/stderr")
status=$?
[[ $status -eq 0 ]] || fail "sqlmodel-migrate upgrade under with-postgres.sh: exit code $status: $output $(cat "$SCRATCH/stderr")"
[[ $output == "0123456789ab" ]] || fail "the server's version table should hold 0123456789ab: $output"
[[ ! -e $project/app.db ]] || fail "the upgrade went to sqlmodel.toml's SQLite file instead of the server"
expect_nothing_left "sqlmodel-migrate upgrade" "$url_file"

# 2. A failing CMD's exit code is the script's (success was checked above), and cleanup
#    still happens.
for expected in 7; do
  : > "$url_file"
  "$WITH_POSTGRES" sh -c 'echo "$SQLMODEL_TEST_PG_URL" > "$0"; exit "$1"' "$url_file" "$expected" 2>/dev/null
  status=$?
  [[ $status -eq $expected ]] || fail "CMD exiting $expected: script exited $status"
  expect_nothing_left "CMD exiting $expected" "$url_file"
done

# 3. TERM while CMD runs: CMD is stopped, the cluster removed, the exit code is 143.
: > "$url_file"
# The sleep is CMD's child: it must be stopped too, not left running.
marker="sqlmodel-with-postgres-test-$$"
"$WITH_POSTGRES" bash -c 'echo "$SQLMODEL_TEST_PG_URL" > "$0"; (exec -a "$1" sleep 60); true' \
  "$url_file" "$marker" 2>/dev/null &
script_pid=$!
for _ in $(seq 1 300); do
  [[ -s $url_file ]] && break
  sleep 0.1
done
[[ -s $url_file ]] || fail "TERM: CMD never started"
started=$SECONDS
kill -TERM "$script_pid"
wait "$script_pid"
status=$?
[[ $status -eq 143 ]] || fail "TERM: script exited $status, expected 143"
((SECONDS - started < 30)) || fail "TERM: the script waited for CMD to finish"
expect_nothing_left "TERM" "$url_file"
sleep 0.5
if ps -eo args= | grep -q "^$marker"; then fail "TERM: CMD's child process is still running"; fi

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "with-postgres.sh: all checks passed"
