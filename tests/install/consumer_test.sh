#!/usr/bin/env bash
# consumer_test.sh PREFIX CXX COMPILER_ID GENERATOR CONSUMER_SOURCE WORK_DIR
#
# Builds tests/install/consumer (find_package(sqlmodel) + sqlmodel_add_models) against the
# installed PREFIX with the compiler CXX, from an empty WORK_DIR, and checks what a user relies
# on: the program runs; a second build does not re-run the plugin; a touched model does; the
# migrations check fails until a migration is generated, then passes; the migration applies;
# a bad model stops the build with the compiler's error at the model's file:line.
source "$(dirname "$0")/lib.sh"

prefix=$1 cxx=$2 compiler_id=$3 generator=$4 consumer=$5 work=$6
fresh_dir "$work"
cp -r "$consumer" "$work/src"
mkdir "$work/src/migrations"
src=$work/src build=$work/build logs=$work/logs
mkdir "$logs"
migrate=$prefix/bin/sqlmodel-migrate

must_succeed "$logs/configure" cmake -S "$src" -B "$build" -G "$generator" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug
must_succeed "$logs/build" cmake --build "$build"
must_contain "$logs/build" "sqlmodel: checking the models of league" "the first build runs the plugin"
[[ -s $build/league.schema.json ]] || fail "no snapshot at $build/league.schema.json"
[[ -s $build/sqlmodel/league/league.sqlmodel.hpp ]] || fail "no generated header under $build/sqlmodel/league"
grep -q '"players"' "$build/league.schema.json" || fail "the snapshot has no players table"
# The project compiles with CXX (GCC or Clang); only the plugin step is clang-19's.
grep -q "set(CMAKE_CXX_COMPILER_ID \"$compiler_id\")" "$build"/CMakeFiles/*/CMakeCXXCompiler.cmake ||
  fail "the consumer's compiler is not $compiler_id"

must_succeed "$logs/rebuild" cmake --build "$build"
must_not_contain "$logs/rebuild" "checking the models" "nothing changed, so the plugin must not run again"

touch "$src/include/league/models.hpp"
must_succeed "$logs/touched" cmake --build "$build"
must_contain "$logs/touched" "checking the models of league" "a touched model header re-runs the plugin"

must_fail "$logs/check-before" cmake --build "$build" --target league-migrations-check
must_contain "$logs/check-before" "have no migration" "the models have no migration yet"

must_succeed "$logs/revision" "$migrate" --config "$build/league.sqlmodel.toml" revision --autogenerate -m "teams and players"
ls "$src"/migrations/*.json >/dev/null 2>&1 || fail "revision wrote no file into $src/migrations"
must_succeed "$logs/check-after" cmake --build "$build" --target league-migrations-check
must_contain "$logs/check-after" "matches the models" "the generated migration matches the models"

# `sqlmodel-migrate init` takes the snapshot and migrations directory sqlmodel_add_models
# configured, so the project's own sqlmodel.toml names the file this build writes.
must_succeed "$logs/init" "$migrate" --config "$src/sqlmodel.toml" init --build-dir ../build
must_contain "$src/sqlmodel.toml" 'snapshot = "../build/league.schema.json"' "init names the target's snapshot"
must_contain "$src/sqlmodel.toml" 'directory = "migrations"' "init names the target's migrations directory"
must_succeed "$logs/check-project" "$migrate" --config "$src/sqlmodel.toml" check --offline
must_contain "$logs/check-project" "matches the models" "the project's sqlmodel.toml reaches the build's snapshot"

url="sqlite:///$work/league.db"
must_succeed "$logs/upgrade" "$migrate" --config "$build/league.sqlmodel.toml" --url "$url" upgrade
must_succeed "$logs/run" "$build/league" "$url"
cat >"$work/expected" <<'EOF'
team Rovers: Ada=3 Grace=1
scorer Grace of Rovers
players left 1
EOF
diff -u "$work/expected" "$logs/run" || fail "league printed something else than expected"

# A bad model: a foreign key to a table that does not exist, on a line we know.
models=$src/include/league/models.hpp
cp "$models" "$work/models.good"
cat >>"$models" <<'EOF'
namespace league {
struct SQLMODEL_TABLE(.name = "contracts") Contract {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "clubs.id") std::int64_t club_id = 0;
};
}  // namespace league
EOF
bad_line=$(grep -n 'clubs.id' "$models" | cut -d: -f1)
must_fail "$logs/bad" cmake --build "$build"
must_contain "$logs/bad" "include/league/models.hpp:$bad_line:" "the error points at the bad model's line"
must_contain "$logs/bad" "error:" "the compiler reports an error"
must_contain "$logs/bad" "clubs" "the error names the unknown table"

# Fixed again, the build recovers.
cp "$work/models.good" "$models"
must_succeed "$logs/fixed" cmake --build "$build"
echo "ok: consumer built with $cxx ($generator)"
