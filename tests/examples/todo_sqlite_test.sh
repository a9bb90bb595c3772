#!/usr/bin/env bash
# The todo example end to end on a SQLite file, as tools/demo.sh runs it: the committed
# migrations upgrade an empty database to head, `check` finds it at head with the schema the
# migrations create, the app's tour runs and does what it says, the app's start-up schema
# check passes, and the migrations go down to base and up again.
#
# Usage: todo_sqlite_test.sh SQLMODEL_MIGRATE CONFIG TODO_APP SCRATCH_DIR
set -uo pipefail

MIGRATE=${1:?usage: todo_sqlite_test.sh SQLMODEL_MIGRATE CONFIG TODO_APP SCRATCH_DIR}
CONFIG=${2:?}
APP=${3:?}
SCRATCH=${4:?}

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
export SQLMODEL_DATABASE_URL="sqlite:///$SCRATCH/todo.db"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
migrate() { "$MIGRATE" --config "$CONFIG" "$@"; }
# expect FILE TEXT: FILE holds the line fragment TEXT.
expect() { grep -qF -- "$2" "$1" || fail "expected \"$2\" in the output ($1)"; }

migrate upgrade >"$SCRATCH/upgrade.txt" 2>&1 || { cat "$SCRATCH/upgrade.txt"; fail "upgrade from empty"; }
migrate check >"$SCRATCH/check.txt" 2>&1 || { cat "$SCRATCH/check.txt"; fail "check after upgrade"; }
expect "$SCRATCH/check.txt" "is at head"

"$APP" --check-schema >"$SCRATCH/check-schema.txt" 2>&1 || { cat "$SCRATCH/check-schema.txt"; fail "todo-app --check-schema on the migrated database"; }

if "$APP" >"$SCRATCH/tour.txt" 2>&1; then
  cat "$SCRATCH/tour.txt"
  expect "$SCRATCH/tour.txt" "users from UserCreate JSON: Ada (id 1) Grace (id 2) Linus (id 3)"
  expect "$SCRATCH/tour.txt" 'as UserRead JSON: {"email":"ada@example.com","id":1,"is_active":true,"name":"Ada"}'
  expect "$SCRATCH/tour.txt" "rejected before any SQL: 2 validation errors for UserCreate"
  expect "$SCRATCH/tour.txt" "a second ada@example.com is refused: IntegrityError on table users"
  # Eager loading: one statement per relationship level, whatever the number of rows.
  expect "$SCRATCH/tour.txt" "3 users in 4 statements"
  expect "$SCRATCH/tour.txt" "  [high] Ship 1.0 (todo, due 2026-12-01)  tags: release urgent"
  expect "$SCRATCH/tour.txt" "loaded in 4 statements"
  expect "$SCRATCH/tour.txt" "    backend: \"Review the migration\" \"Ship 1.0\""
  expect "$SCRATCH/tour.txt" "RelationshipNotLoaded: relationship Task.owner was read before it was loaded"
  expect "$SCRATCH/tour.txt" "user 1 renamed to \"Ada Lovelace\""
  expect "$SCRATCH/tour.txt" "created_at kept, updated_at moved on"
  expect "$SCRATCH/tour.txt" "task \"Review the migration\" is now done"
  expect "$SCRATCH/tour.txt" "2 of Grace's open tasks raised to high priority in one UPDATE"
  expect "$SCRATCH/tour.txt" "deleted 1 done task(s) in one DELETE"
  expect "$SCRATCH/tour.txt" "removed tag \"urgent\": task_tags went from 5 to 3 rows"
  expect "$SCRATCH/tour.txt" "removed user \"Linus\": tasks went from 4 to 3"
  # Writes through relationships: a move writes one foreign key, and the shopping list's old
  # copy of the moved task does not move it back on the next flush.
  expect "$SCRATCH/tour.txt" "\"Buy bread\" moved to errands: 3 statement(s), category_id is now 5"
  expect "$SCRATCH/tour.txt" "an update with nothing changed runs 0 statements"
else
  cat "$SCRATCH/tour.txt"
  fail "todo-app exited non-zero on the migrated database"
fi

# What the app wrote is in the database, not only in its output.
rows=$(sqlite3 "$SCRATCH/todo.db" "SELECT name FROM users ORDER BY id" | paste -sd, -)
[[ $rows == "Ada Lovelace,Grace" ]] || fail "users after the tour: '$rows', expected 'Ada Lovelace,Grace'"
category=$(sqlite3 "$SCRATCH/todo.db" "SELECT c.name FROM tasks t JOIN categories c ON c.id = t.category_id WHERE t.title = 'Buy bread'")
[[ $category == errands ]] || fail "\"Buy bread\" is in '$category' after the tour, expected errands"

# A second run refuses: the tour wants an empty database.
"$APP" >"$SCRATCH/second.txt" 2>&1 && fail "a second tour on the same database succeeded"
expect "$SCRATCH/second.txt" "the database already has users"

migrate downgrade base >"$SCRATCH/down.txt" 2>&1 || { cat "$SCRATCH/down.txt"; fail "downgrade to base"; }
tables=$(sqlite3 "$SCRATCH/todo.db" "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name <> 'sqlmodel_version'")
[[ $tables == 0 ]] || fail "after downgrade base, $tables tables are left"
migrate upgrade >"$SCRATCH/up-again.txt" 2>&1 || { cat "$SCRATCH/up-again.txt"; fail "upgrade after downgrade"; }
migrate check >/dev/null 2>&1 || fail "check after down and up again"

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: the todo example on SQLite"
