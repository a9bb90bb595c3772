#!/usr/bin/env bash
# plain_test.sh PREFIX PLAIN_SOURCE WORK_DIR
#
# The route for build systems other than CMake (tests/install/plain/Makefile): -fplugin flags
# on each clang-19 compile, pkg-config for the runtime, `sqlmodel-snapshot merge` for the
# per-file snapshots, then sqlmodel-init-db and the program. A bad model stops make with the
# compiler's error at the model's file:line.
source "$(dirname "$0")/lib.sh"

prefix=$1 plain=$2 work=$3
fresh_dir "$work"
cp -r "$plain" "$work/src"
src=$work/src logs=$work/logs
mkdir "$logs"

must_succeed "$logs/make" make -C "$src" SQLMODEL_PREFIX="$prefix"
for tu in league roster; do
  [[ -s $src/$tu.schema.json ]] || fail "compiling $tu.cpp with the plugin wrote no $tu.schema.json"
done
grep -q '"players"' "$src/schema.json" || fail "the merged snapshot has no players table"
grep -q '"teams"' "$src/schema.json" || fail "the merged snapshot has no teams table"
[[ $(grep -c '"name": "teams"' "$src/schema.json") == 1 ]] || fail "teams appears more than once in the merged snapshot"

url="sqlite:///$work/league.db"
must_succeed "$logs/init-db" "$prefix/bin/sqlmodel-init-db" --url "$url" --snapshot "$src/schema.json"
must_succeed "$logs/run" "$src/league" "$url"
echo "Rovers: 2 player(s)" >"$work/expected"
diff -u "$work/expected" "$logs/run" || fail "league printed something else than expected"

# A bad model: a foreign key to a table that does not exist.
cat >>"$src/teams.hpp" <<'EOT'
namespace league {
struct SQLMODEL_TABLE(.name = "contracts") Contract {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "clubs.id") std::int64_t club_id = 0;
};
}  // namespace league
EOT
bad_line=$(grep -n 'clubs.id' "$src/teams.hpp" | cut -d: -f1)
must_fail "$logs/bad" make -C "$src" SQLMODEL_PREFIX="$prefix"
must_contain "$logs/bad" "teams.hpp:$bad_line:" "the error points at the bad model's line"
must_contain "$logs/bad" "error:" "the compiler reports an error"
echo "ok: plain make project"
