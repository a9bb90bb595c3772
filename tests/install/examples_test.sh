#!/usr/bin/env bash
# examples_test.sh PREFIX EXAMPLES_DIR EXAMPLE_RUNNERS_DIR WORK_DIR
#
# Builds every example that stands on its own (examples/<name>/CMakeLists.txt calling
# find_package(sqlmodel)) against the installed PREFIX, from a copy in an empty directory, as
# its README tells a new user: configure with CMAKE_PREFIX_PATH, build, run its
# <target>-migrations-check targets when it commits migrations (they must match the models), run
# the tests the example registers with CTest; then run the built program with the script the
# in-tree tests use for it (tests/examples/*_test.sh, EXAMPLE_RUNNERS_DIR), now on the
# installed tools.
source "$(dirname "$0")/lib.sh"

prefix=$1 examples=$2 runners=$3 work=$4
fresh_dir "$work"
built=0
for example in "$examples"/*/; do
  name=$(basename "$example")
  [[ -f $example/CMakeLists.txt ]] && grep -q 'find_package(sqlmodel' "$example/CMakeLists.txt" || continue
  src=$work/$name/src build=$work/$name/build logs=$work/$name/logs
  mkdir -p "$work/$name" "$logs"
  cp -r "$example" "$src"
  rm -rf "$src"/build*  # a build directory left in the source tree is not part of the example

  configure_args=(-G Ninja -DCMAKE_PREFIX_PATH="$prefix")
  [[ $name == gcc-project ]] && configure_args+=(-DCMAKE_CXX_COMPILER=g++)  # as its README says
  must_succeed "$logs/configure" cmake -S "$src" -B "$build" "${configure_args[@]}"
  must_succeed "$logs/build" cmake --build "$build"
  cmake --build "$build" --target help >"$logs/targets"
  # An example without committed migrations (gcc-project) has nothing for the check to compare.
  [[ -d $src/migrations ]] || : >"$logs/targets"
  for check in $(sed -n 's/^\([A-Za-z0-9_.+-]*-migrations-check\):.*/\1/p' "$logs/targets"); do
    must_succeed "$logs/$check" cmake --build "$build" --target "$check"
  done
  if [[ -n $(ctest --test-dir "$build" -N | sed -n 's/^Total Tests: \([1-9]\)/\1/p') ]]; then
    must_succeed "$logs/ctest" ctest --test-dir "$build" --output-on-failure
  fi
  case $name in
    todo)
      must_succeed "$logs/run" "$runners/todo_sqlite_test.sh" "$prefix/bin/sqlmodel-migrate" \
        "$build/todo-app.sqlmodel.toml" "$build/todo-app" "$work/$name/run"
      # examples/postgres is the production workflow for this app, not a project of its own:
      # deploy this build with the installed sqlmodel-migrate to the suite's PostgreSQL. The
      # runner fails without a server under CI and skips (77) elsewhere.
      status=0
      run_logged "$logs/postgres-deploy" "$runners/postgres_deploy_test.sh" "$examples/postgres/deploy.sh" \
        "$prefix/bin/sqlmodel-migrate" "$build/todo-app.sqlmodel.toml" "$build/todo-app" \
        "$runners/../lit/support/pg_fresh_database.py" "$work/postgres/run" || status=$?
      case $status in
        0) echo "ok: example postgres (deploy.sh with the installed tools)" ;;
        77) echo "skipped: example postgres (no PostgreSQL: run under tools/with-postgres.sh)" ;;
        *) cat "$logs/postgres-deploy" >&2; fail "examples/postgres/deploy.sh failed against the installed tools" ;;
      esac ;;
    gcc-project)
      must_succeed "$logs/run" "$runners/gcc_project_test.sh" "$prefix/bin/sqlmodel-init-db" \
        "$build/library-app" "$build" "$work/$name/run" ;;
  esac
  echo "ok: example $name"
  built=$((built + 1))
done
(( built > 0 )) || fail "no example under $examples builds on its own with find_package(sqlmodel)"
echo "ok: $built example(s) built against $prefix"
