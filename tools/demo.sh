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
sqlite3 "$DEMO_DIR/demo.db" .schema

printf '\nSnapshot: %s\nDatabase: %s (try: sqlite3 %s)\n' \
  "$DEMO_DIR/schema.json" "$DEMO_DIR/demo.db" "$DEMO_DIR/demo.db"
