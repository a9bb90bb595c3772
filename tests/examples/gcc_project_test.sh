#!/usr/bin/env bash
# examples/gcc-project, built in-tree by g++: sqlmodel_add_models (clang-19 beside g++) and
# sqlmodel-check (over g++'s compile_commands.json) wrote the same snapshot of the models; a
# SQLite database created from it serves the g++-built app, which does what it prints.
#
# Usage: gcc_project_test.sh SQLMODEL_INIT_DB LIBRARY_APP APP_BINARY_DIR SCRATCH_DIR
set -uo pipefail

INIT_DB=${1:?usage: gcc_project_test.sh SQLMODEL_INIT_DB LIBRARY_APP APP_BINARY_DIR SCRATCH_DIR}
APP=${2:?}
APP_DIR=${3:?}
SCRATCH=${4:?}
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() { grep -qF -- "$2" "$1" || fail "expected \"$2\" in $1"; }

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"

cmp "$APP_DIR/library.schema.json" "$APP_DIR/library.checked.schema.json" ||
  fail "sqlmodel_add_models and sqlmodel-check wrote different snapshots of the same models"
grep -q '"name": "loans"' "$APP_DIR/library.schema.json" || fail "the snapshot has no loans table"

URL="sqlite:///$SCRATCH/library.db"
"$INIT_DB" --url "$URL" --snapshot "$APP_DIR/library.schema.json" >"$SCRATCH/init.txt" 2>&1 ||
  { cat "$SCRATCH/init.txt"; fail "sqlmodel-init-db from the snapshot"; }
if "$APP" --url "$URL" >"$SCRATCH/app.txt" 2>&1; then
  cat "$SCRATCH/app.txt"
  expect "$SCRATCH/app.txt" "created 2 authors, 3 books, 2 members, 3 loans"
  expect "$SCRATCH/app.txt" "  Solaris, 204 pages, isbn 9780156027601  lent to: Kim Sam"
  expect "$SCRATCH/app.txt" "Solaris now has 224 pages"
  expect "$SCRATCH/app.txt" "removed Stanislaw Lem and his books: 2 books and 1 loans left"
else
  cat "$SCRATCH/app.txt"
  fail "library-app failed"
fi
rows=$(sqlite3 "$SCRATCH/library.db" "SELECT count(*) FROM books")
[[ $rows == 2 ]] || fail "books in the database after the app: $rows, expected 2"

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "ok: the g++ project"
