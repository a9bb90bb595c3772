#!/usr/bin/env bash
# examples/postgres/deploy.sh against a real PostgreSQL (the server tools/with-postgres.sh
# exports as SQLMODEL_TEST_PG_URL), on a database of its own:
# - the first deploy backs up, upgrades the empty database to head, and verifies it
#   (sqlmodel-migrate check and the app's --check-schema); the backup reads back
# - the app's tour then runs on PostgreSQL
# - a second deploy applies nothing and backs up the rows the tour left
# - a database changed by hand fails the verification, and deploy.sh names the restore command
# Without a server it skips (exit 77), except under CI, where it fails.
#
# Usage: postgres_deploy_test.sh DEPLOY_SH SQLMODEL_MIGRATE CONFIG TODO_APP PG_FRESH_DATABASE_PY SCRATCH_DIR
set -uo pipefail

DEPLOY=${1:?usage: postgres_deploy_test.sh DEPLOY_SH SQLMODEL_MIGRATE CONFIG TODO_APP PG_FRESH_DATABASE_PY SCRATCH_DIR}
MIGRATE=${2:?}
CONFIG=${3:?}
APP=${4:?}
FRESH_DATABASE=${5:?}
SCRATCH=${6:?}
PSQL=/usr/lib/postgresql/15/bin/psql
PG_RESTORE=/usr/lib/postgresql/15/bin/pg_restore

ci() { [[ -n ${CI:-} && ${CI,,} != 0 && ${CI,,} != false ]]; }
if [[ -z ${SQLMODEL_TEST_PG_URL:-} ]]; then
  if ci; then
    echo "FAIL: SQLMODEL_TEST_PG_URL is not set (CI requires PostgreSQL); run under tools/with-postgres.sh" >&2
    exit 1
  fi
  echo "SKIP: SQLMODEL_TEST_PG_URL is not set; run under tools/with-postgres.sh"
  exit 77
fi

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
URL=$(python3 "$FRESH_DATABASE" example_postgres_deploy) || { echo "FAIL: cannot create a database" >&2; exit 1; }
export SQLMODEL_MIGRATE=$MIGRATE
unset SQLMODEL_DATABASE_URL
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() { grep -qF -- "$2" "$1" || fail "expected \"$2\" in $1"; }
deploy() { "$DEPLOY" --url "$URL" --config "$CONFIG" --app "$APP" --backup-dir "$SCRATCH/backups"; }

# 1. the first deploy, on an empty database
if deploy >"$SCRATCH/deploy1.txt" 2>&1; then
  cat "$SCRATCH/deploy1.txt"
  expect "$SCRATCH/deploy1.txt" "deployed:"
  expect "$SCRATCH/deploy1.txt" "readable by pg_restore"
else
  cat "$SCRATCH/deploy1.txt"
  fail "the first deploy failed"
fi
applied=$("$PSQL" -X -Atq -d "$URL" -c "SELECT count(*) FROM sqlmodel_version" 2>&1)
[[ $applied =~ ^[1-9][0-9]*$ ]] || fail "sqlmodel_version after the deploy: '$applied'"
tables=$("$PSQL" -X -Atq -d "$URL" -c "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
[[ $tables == "categories,sqlmodel_version,tags,task_tags,tasks,team_members,teams,users" ]] ||
  fail "tables after the deploy: '$tables'"

# 2. the app on PostgreSQL
if "$APP" --url "$URL" >"$SCRATCH/tour.txt" 2>&1; then
  expect "$SCRATCH/tour.txt" "removed user \"Linus\": tasks went from 4 to 3"
else
  cat "$SCRATCH/tour.txt"
  fail "todo-app's tour failed on PostgreSQL"
fi

# 3. a second deploy: nothing to apply; the backup holds the tour's rows
if deploy >"$SCRATCH/deploy2.txt" 2>&1; then
  expect "$SCRATCH/deploy2.txt" "the database is already at head"
  latest=$(sed -n 's/^deployed: .* backup kept in //p' "$SCRATCH/deploy2.txt")
  "$PG_RESTORE" --data-only --table=users -f - "$latest" | grep -qF "Ada Lovelace" ||
    fail "the second backup ($latest) does not hold the users the tour left"
else
  cat "$SCRATCH/deploy2.txt"
  fail "the second deploy failed"
fi

# 4. drift: a column dropped by hand fails the verification, with the way back
"$PSQL" -X -q -d "$URL" -c "ALTER TABLE tasks DROP COLUMN description" || fail "could not drop tasks.description"
if deploy >"$SCRATCH/deploy3.txt" 2>&1; then
  cat "$SCRATCH/deploy3.txt"
  fail "deploy passed on a database whose tasks.description was dropped by hand"
else
  expect "$SCRATCH/deploy3.txt" "description"
fi

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: the PostgreSQL deployment workflow"
