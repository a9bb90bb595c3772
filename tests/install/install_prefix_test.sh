#!/usr/bin/env bash
# install_prefix_test.sh BUILD_DIR SOURCE_DIR STAGING PREFIX WITH_PLUGIN
#
# `cmake --install BUILD_DIR --prefix STAGING`, then STAGING is moved to PREFIX: every later
# test uses PREFIX, so a path to where it was installed (or to the build or source tree) baked
# into the package breaks them. Checks the layout, that the installed text files name none of
# those directories, that each installed header compiles on its own against the prefix, and
# that the tools start.
source "$(dirname "$0")/lib.sh"

build=$1 source_dir=$2 staging=$3 prefix=$4 with_plugin=$5
logs=$(dirname "$prefix")/prefix-logs
rm -rf "$staging" "$prefix"
fresh_dir "$logs"

must_succeed "$logs/install" cmake --install "$build" --prefix "$staging"
mv "$staging" "$prefix"

expected=(
  include/sqlmodel/annotations.hpp include/sqlmodel/orm.hpp include/sqlmodel/model_traits.hpp
  include/sqlmodel/schema.hpp include/sqlmodel/dialect.hpp include/sqlmodel/errors.hpp
  lib/libsqlmodel_schema.a lib/libsqlmodel_db.a lib/libsqlmodel_orm.a
  lib/cmake/sqlmodel/sqlmodelConfig.cmake lib/cmake/sqlmodel/sqlmodelConfigVersion.cmake
  lib/cmake/sqlmodel/sqlmodelTargets.cmake lib/cmake/sqlmodel/SqlmodelAddModels.cmake
  lib/pkgconfig/sqlmodel.pc
  bin/sqlmodel-migrate bin/sqlmodel-init-db
)
tools=(sqlmodel-migrate sqlmodel-init-db)
if [[ $with_plugin == ON ]]; then
  expected+=(lib/sqlmodel-plugin.so bin/sqlmodel-snapshot bin/sqlmodel-check)
  tools+=(sqlmodel-snapshot sqlmodel-check)
fi
for file in "${expected[@]}"; do
  [[ -e $prefix/$file ]] || fail "the install has no $file"
done
# include/sqlmodel is the only include tree: no runtime headers, no second include root that a
# user's own schema/ or db/ folders could shadow.
[[ $(ls "$prefix/include") == sqlmodel ]] || fail "the install's include/ holds more than sqlmodel/: $(ls "$prefix/include")"
for internal in runtime schema db; do
  [[ ! -e $prefix/include/sqlmodel/$internal ]] || fail "runtime header directory $internal was installed"
done

# The package asks only for what the runtime links: SQLite (and libpqxx when built with
# PostgreSQL) through pkg-config, nlohmann_json for the snapshot reader. The migration runner's
# OpenSSL and tomlplusplus stay inside sqlmodel-migrate.
config=$prefix/lib/cmake/sqlmodel
asked=$(grep -ho 'find_dependency([A-Za-z0-9_]*' "$config/sqlmodelConfig.cmake" | sed 's/find_dependency(//' | LC_ALL=C sort | tr '\n' ' ')
[[ $asked == "PkgConfig nlohmann_json " ]] || fail "sqlmodelConfig.cmake asks for more than PkgConfig and nlohmann_json: $asked"
if grep -Eo '(OpenSSL|tomlplusplus|fmt|CLI11)::[A-Za-z_]+' "$config"/sqlmodelTargets*.cmake >"$logs/extra-deps"; then
  cat "$logs/extra-deps" >&2
  fail "the exported targets link the migration runner's dependencies"
fi
for library in "$prefix"/lib/libsqlmodel_migrate*; do
  [[ ! -e $library ]] || fail "the migration runner's library $(basename "$library") was installed"
done

# Relocatable: no installed text file names the staging, build or source directory.
for dir in "$staging" "$build" "$source_dir"; do
  if grep -rlF -- "$dir" "$prefix/include" "$prefix/lib/cmake" "$prefix/lib/pkgconfig" >"$logs/leaks"; then
    cat "$logs/leaks" >&2
    fail "installed files name $dir"
  fi
done

# Every installed header compiles on its own with only the prefix's include directory (and the
# system's): the include tree is self-sufficient.
find "$prefix/include" -name '*.hpp' | sort >"$logs/headers"
[[ -s $logs/headers ]] || fail "no headers installed"
compile="g++ -std=c++20 -fsyntax-only -I'$prefix/include' -x c++ -"
xargs -P 2 -I{} sh -c "echo '#include \"{}\"' | $compile 2>&1 || echo 'FAILED: {} does not compile on its own'" \
  <"$logs/headers" >"$logs/headers-compile"
if grep -q '^FAILED' "$logs/headers-compile"; then
  cat "$logs/headers-compile" >&2
  fail "some installed headers do not compile on their own"
fi

# pkg-config resolves the moved prefix.
must_succeed "$logs/pkg-config" env PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs sqlmodel
first_include=$(grep -o -- '-I[^ ]*' "$logs/pkg-config" | head -1)
[[ $(realpath -m "${first_include#-I}") == $(realpath "$prefix/include") ]] ||
  fail "pkg-config's include directory $first_include is not the moved prefix's include/"

for tool in "${tools[@]}"; do
  must_succeed "$logs/$tool-help" "$prefix/bin/$tool" --help
done
# Every installed program, also one this list does not know yet, says which sqlmodel it is.
version=$(env PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --modversion sqlmodel)
for program in "$prefix"/bin/*; do
  name=$(basename "$program")
  must_succeed "$logs/$name-version" "$program" --version
  [[ $(head -n 1 "$logs/$name-version") == "$name $version (sqlmodel-cpp)" ]] ||
    { cat "$logs/$name-version" >&2; fail "$name --version does not start with '$name $version (sqlmodel-cpp)'"; }
  must_contain "$logs/$name-version" "reads: " "$name --version names the formats it reads"
  must_contain "$logs/$name-version" "writes: " "$name --version names the formats it writes"
done
echo "ok: installed to $prefix ($(wc -l <"$logs/headers") headers)"
