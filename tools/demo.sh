#!/usr/bin/env bash
# The main job end to end on embedded SQLite, with the todo example (examples/todo):
#   1. build sqlmodel with its Clang plugin, and the example; the plugin checks the models
#      (examples/todo/src/models.hpp) and writes their schema snapshot and traits header
#   2. compare the models with the committed migrations (examples/todo/migrations); when the
#      models changed, generate a new migration file and say so (committed files are never
#      rewritten: a change only ever adds a revision, for you to review and commit)
#   3. upgrade a fresh SQLite file, build/demo/todo.db, to the head revision and verify it
#   4. run the app: create, query with eager loading, update, delete
#
#   SQLMODEL_BUILD_DIR   build directory (default: build)
#   SQLMODEL_JOBS        parallel build jobs (default: 2)
#
# Missing Debian packages are installed first when run as root (see tools/deps.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/deps.sh

BUILD_DIR=${SQLMODEL_BUILD_DIR:-build}
JOBS=${SQLMODEL_JOBS:-2}
DEMO_DIR="$BUILD_DIR/demo"
EXAMPLE=examples/todo
MIGRATE="$BUILD_DIR/migration-runner/sqlmodel-migrate"
# Written by sqlmodel_add_models(todo-app): the example's migrations and this build's snapshot.
MIGRATE_CONFIG="$BUILD_DIR/$EXAMPLE/todo-app.sqlmodel.toml"
APP="$BUILD_DIR/$EXAMPLE/todo-app"
DATABASE="$DEMO_DIR/todo.db"
export SQLMODEL_DATABASE_URL="sqlite:///$DATABASE"

step() { printf '\n==== %s\n' "$*"; }
die() { echo "demo.sh: $*" >&2; exit 1; }

# Runs a build command with its full output in a log file, showing its progress every tenth
# of the way and the sqlmodel plugin's own lines; on failure, the end of the log.
build_logged() {
  local log=$1
  shift
  echo "(full output: $log)"
  if ! "$@" 2>&1 | tee "$log" | awk '
      match($0, /^\[[0-9]+\/[0-9]+\]/) {
        split(substr($0, 2, RLENGTH - 2), n, "/")
        tenth = int(10 * n[1] / n[2])
        if (tenth > shown) { shown = tenth; printf "  %d%% (%d of %d steps)\n", 10 * tenth, n[1], n[2]; fflush() }
      }
      /sqlmodel: / { sub(/^\[[0-9]+\/[0-9]+\] /, ""); print "  " $0; fflush() }'; then
    echo "---- the end of $log:" >&2
    tail -n 60 "$log" >&2
    die "the build failed"
  fi
}

step "Debian packages"
sqlmodel_ensure_deps
echo "all ${#SQLMODEL_DEBIAN_PACKAGES[@]} packages installed"

step "build sqlmodel with the Clang plugin, and the todo example"
mkdir -p "$DEMO_DIR"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSQLMODEL_WITH_PLUGIN=ON \
  >"$DEMO_DIR/configure.log" 2>&1 || { cat "$DEMO_DIR/configure.log" >&2; die "cmake configure failed"; }
if [[ ! -e "$BUILD_DIR/clang-plugin/sqlmodel-plugin.so" ]]; then
  echo "the first build precompiles Clang's headers for the plugin: expect 10-20 minutes"
fi
build_logged "$DEMO_DIR/build.log" cmake --build "$BUILD_DIR" -j "$JOBS" --target sqlmodel-migrate todo-app
echo "models checked: $EXAMPLE/src/models.hpp"
echo "snapshot:       $BUILD_DIR/$EXAMPLE/todo.schema.json"

step "are the committed migrations up to date with the models?"
status=0
"$MIGRATE" --config "$MIGRATE_CONFIG" check --offline || status=$?
if [[ $status -eq 1 ]]; then
  echo
  echo "The models changed since the last migration: generating one."
  "$MIGRATE" --config "$MIGRATE_CONFIG" revision --autogenerate -m "todo models changed"
  echo "NEW FILE: review it, then commit it with the models:  git add $EXAMPLE/migrations"
elif [[ $status -ne 0 ]]; then
  die "sqlmodel-migrate check failed (exit $status)"
fi

step "upgrade a fresh SQLite database ($DATABASE) to head"
rm -f "$DATABASE" "$DATABASE-journal" "$DATABASE-wal" "$DATABASE-shm"
"$MIGRATE" --config "$MIGRATE_CONFIG" upgrade
"$MIGRATE" --config "$MIGRATE_CONFIG" current
"$MIGRATE" --config "$MIGRATE_CONFIG" check
echo "tables: $(sqlite3 "$DATABASE" "SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)")"

step "run the app ($APP)"
"$APP" --url "$SQLMODEL_DATABASE_URL"

printf '\nDatabase: %s (try: sqlite3 %s)\nMigrations: %s/migrations\nHistory: %s --config %s history\n' \
  "$DATABASE" "$DATABASE" "$EXAMPLE" "$MIGRATE" "$MIGRATE_CONFIG"
