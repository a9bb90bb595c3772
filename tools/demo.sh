#!/usr/bin/env bash
# The main job end to end on embedded SQLite: build, write the schema snapshot of a small
# task tracker (examples/foundation-demo, standing in for the Clang plugin's output), create
# it in build/demo/demo.db with sqlmodel-init-db, and print what the database now holds.
# Each run starts from a fresh demo.db.
#
# Missing Debian packages are installed first when run as root (see tools/deps.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/deps.sh

BUILD_DIR=${SQLMODEL_BUILD_DIR:-build}
JOBS=${SQLMODEL_JOBS:-2}
DEMO_DIR="$BUILD_DIR/demo"

step() { printf '\n==== %s\n' "$*"; }

step "Debian packages"
sqlmodel_ensure_deps
echo "all ${#SQLMODEL_DEBIAN_PACKAGES[@]} packages installed"

step "build sqlmodel-init-db and the example"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS" --target sqlmodel-init-db foundation-demo

step "write the schema snapshot"
mkdir -p "$DEMO_DIR"
rm -f "$DEMO_DIR/demo.db" "$DEMO_DIR/demo.db-journal"
"$BUILD_DIR/examples/foundation-demo/foundation-demo" "$DEMO_DIR/schema.json"

step "create it in SQLite"
"$BUILD_DIR/tools/sqlmodel-init-db" --url "sqlite:///$DEMO_DIR/demo.db" --snapshot "$DEMO_DIR/schema.json"

step "the database now holds ($DEMO_DIR/demo.db)"
# The DDL as SQLite stored it (the sqlite3 shell's .schema would rewrite it).
sqlite3 "$DEMO_DIR/demo.db" "SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid"

step "use it"
sqlite3 -header -column "$DEMO_DIR/demo.db" <<'SQL'
PRAGMA foreign_keys = ON;
INSERT INTO teams (name) VALUES ('platform');
INSERT INTO users (email, team_id) VALUES ('ada@example.com', 1);
INSERT INTO tasks (title, team_id, assignee_id) VALUES ('ship the demo', 1, 1);
SELECT tasks.id, tasks.title, tasks.status, users.email AS assignee
  FROM tasks JOIN users ON users.id = tasks.assignee_id;
SQL
echo "an enum value outside taskstatus is rejected:"
if sqlite3 "$DEMO_DIR/demo.db" "INSERT INTO tasks (title, status, team_id) VALUES ('x', 'shipped', 1)" 2>&1; then
  echo "demo: the CHECK for taskstatus did not reject 'shipped'" >&2
  exit 1
fi

printf '\nSnapshot: %s\nDatabase: %s (try: sqlite3 %s)\n' \
  "$DEMO_DIR/schema.json" "$DEMO_DIR/demo.db" "$DEMO_DIR/demo.db"
