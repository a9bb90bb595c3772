#!/usr/bin/env bash
# The adoption round trip for one database:
#   round-trip.sh INIT_DB CODEGEN MIGRATE PLUGIN_SO SOURCE_DIR URL SNAPSHOT WORK_DIR
# creates the schema SNAPSHOT in the database URL (sqlmodel-init-db), generates models from the
# database (sqlmodel-codegen), compiles them with clang++-19 and the plugin (which writes their
# snapshot) and with g++ (warnings as errors), then adopts the database: init, a baseline
# revision from the generated models' snapshot, stamp head, check. It prints the generated
# header, codegen's notes and check's verdict for FileCheck.
set -euo pipefail
init_db=$1 codegen=$2 migrate=$3 plugin=$4 source_dir=$5 url=$6 snapshot=$7 work=$8

rm -rf "$work" && mkdir -p "$work"
"$init_db" --url "$url" --snapshot "$snapshot" > "$work/init-db.txt"
"$codegen" --url "$url" -o "$work/models.hpp" --namespace generated 2> "$work/notes.txt"
printf '#include "models.hpp"\n' > "$work/models.cpp"
# Compiled in the work directory: the snapshot names models.hpp relative to it, the source root
# sqlmodel-migrate checks the snapshot's freshness against.
cd "$work"
/usr/lib/llvm-19/bin/clang++ -std=c++20 -fsyntax-only -fno-color-diagnostics -I"$source_dir/include" \
  -fplugin="$plugin" -fplugin-arg-sqlmodel-snapshot=models.schema.json \
  models.cpp 2> "$work/plugin.txt" || {
  cat "$work/models.hpp" "$work/plugin.txt" >&2
  exit 1
}
# The plugin's errors are what the round trip must not have; its warnings may stay.
if grep -q "error:" "$work/plugin.txt"; then cat "$work/plugin.txt" >&2; exit 1; fi
g++ -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I"$source_dir/include" models.cpp

"$migrate" --url "$url" init --snapshot models.schema.json > /dev/null
"$migrate" revision -m "existing schema" > revision.txt
"$migrate" stamp head > stamp.txt
echo "=== header"
cat models.hpp
echo "=== notes"
cat notes.txt
echo "=== check"
"$migrate" check
