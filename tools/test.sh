#!/usr/bin/env bash
# Builds everything and runs every test suite: the GoogleTest suites and the lit suites
# (one CTest test, `lit`), all under tools/with-postgres.sh so the PostgreSQL tests get a
# real, throwaway server. Exits non-zero if the build or any test fails.
#
# Then a second build, $SQLMODEL_SANITIZE_DIR, with clang-19 and -fsanitize=address,undefined
# (any report fails): the libFuzzer targets run for a bounded time (tools/fuzz.sh), and the
# unit suites, the database integration suites, the fuzz regressions and the lit tests of the
# command-line tools run again under the sanitizers. The ORM's integration suites are left out
# of that build: compiled twice they would take the test command past 45 minutes on a 2-core
# machine (see README.md, "Tests").
#
#   SQLMODEL_BUILD_DIR      build directory (default: build)
#   SQLMODEL_SANITIZE_DIR   the sanitizer build (default: build-sanitize); SQLMODEL_SANITIZE=0 skips it
#   SQLMODEL_FUZZ_SECONDS   seconds per fuzz target (default: 20, two minutes for the six; 0 turns
#                           fuzzing off; the corpus and regression replays run either way)
#   SQLMODEL_JOBS           parallel build jobs (default: 2)
#   CI=true                 a test that needs PostgreSQL fails instead of skipping
#
# Missing Debian packages are installed first when run as root (see tools/deps.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/deps.sh

BUILD_DIR=${SQLMODEL_BUILD_DIR:-build}
SANITIZE_DIR=${SQLMODEL_SANITIZE_DIR:-build-sanitize}
FUZZ_SECONDS=${SQLMODEL_FUZZ_SECONDS:-20}
JOBS=${SQLMODEL_JOBS:-2}
LOG_DIR="$BUILD_DIR/test-logs"
started=$(date +%s)

step() { printf '\n==== %s\n' "$*"; }

step "Debian packages"
sqlmodel_ensure_deps
echo "all ${#SQLMODEL_DEBIAN_PACKAGES[@]} packages installed"

step "configure $BUILD_DIR (Ninja, RelWithDebInfo)"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
mkdir -p "$LOG_DIR"

# -k 0 builds everything that can be built, so one broken target does not hide the results
# of every suite; a failed build still fails the run.
step "build (-j$JOBS)"
build_status=0
cmake --build "$BUILD_DIR" -j "$JOBS" -- -k 0 || build_status=$?

step "tests: ctest (GoogleTest suites and lit) under tools/with-postgres.sh"
# Serial: the suites share one PostgreSQL database. lit runs its own tests in parallel.
test_status=0
tools/with-postgres.sh ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 \
  2>&1 | tee "$LOG_DIR/ctest.log" || test_status=$?

main_elapsed=$(($(date +%s) - started))

# The sanitizer build: only the targets it runs. The suites are those without the ORM's
# templates (the unit suites, the database integration suites), the fuzz targets and their
# replays, and the tools the lit tests run; the plugin is not built (it runs inside clang,
# which is not instrumented).
sanitize_status=skipped
fuzz_status=skipped
if [[ ${SQLMODEL_SANITIZE:-1} != 0 ]]; then
  sanitize_started=$(date +%s)
  sanitize_targets=(
    test_schema_model test_text_pattern test_snapshot test_ddl test_operations test_render_operations_sql
    test_init_db test_migrate test_diagram test_orm_sql test_orm_query_sql test_lint
    test_sqlite_integration test_postgres_integration test_render_operations test_migration_chain
    sqlmodel-migrate sqlmodel-init-db foundation-demo
  )
  fuzz_targets=(snapshot_reader migration_file sql_expression sqlite_create_table url config)
  for target in "${fuzz_targets[@]}"; do sanitize_targets+=("fuzz_$target" "fuzz_replay_$target"); done
  sanitize_tests='^(test_(schema_model|text_pattern|snapshot|ddl|operations|render_operations_sql|init_db|migrate|diagram|orm_sql|orm_query_sql|lint|sqlite_integration|postgres_integration|render_operations|migration_chain)\.|fuzz\.|lit$)'

  step "sanitizers: configure $SANITIZE_DIR (clang-19, ASan + UBSan, libFuzzer targets)"
  sanitize_status=0
  CC=clang-19 CXX=clang++-19 cmake -S . -B "$SANITIZE_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DSQLMODEL_FUZZ=ON -DSQLMODEL_WITH_PLUGIN=OFF \
    -DSQLMODEL_BUILD_BENCHMARKS=OFF >"$LOG_DIR/sanitize-configure.log" || sanitize_status=$?
  step "sanitizers: build (-j$JOBS, ${#sanitize_targets[@]} targets)"
  if ((sanitize_status == 0)); then
    cmake --build "$SANITIZE_DIR" -j "$JOBS" --target "${sanitize_targets[@]}" -- -k 0 || sanitize_status=$?
  fi
  sanitize_built=$(date +%s)
  if ((FUZZ_SECONDS > 0)); then
    step "fuzzing: ${#fuzz_targets[@]} targets, ${FUZZ_SECONDS} s each"
    fuzz_status=0
    tools/fuzz.sh "$SANITIZE_DIR" "$FUZZ_SECONDS" 2>&1 | tee "$LOG_DIR/fuzz.log" || fuzz_status=$?
  else
    echo "fuzz: off (SQLMODEL_FUZZ_SECONDS=0); the seed corpora and regressions replay as fuzz.<target> tests" >"$LOG_DIR/fuzz.log"
  fi
  fuzzed=$(date +%s)
  step "sanitizers: tests (unit, database integration, fuzz regressions, lit) under ASan + UBSan"
  # Any report aborts the test that raised it (-fno-sanitize-recover=all, LeakSanitizer on).
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    tools/with-postgres.sh ctest --test-dir "$SANITIZE_DIR" --output-on-failure --timeout 900 -R "$sanitize_tests" \
    2>&1 | tee "$LOG_DIR/ctest-sanitize.log" || sanitize_status=$?
  sanitize_elapsed=$(($(date +%s) - sanitize_started))
  echo "sanitizer stage: build $((sanitize_built - sanitize_started)) s, fuzzing $((fuzzed - sanitize_built)) s, tests $(($(date +%s) - fuzzed)) s"
fi

elapsed=$(($(date +%s) - started))
step "summary ($((elapsed / 60))m$((elapsed % 60))s)"
if ((build_status == 0)); then
  echo "build:  ok"
else
  echo "build:  FAILED (ninja exit $build_status; the errors are above, tests of unbuilt targets fail)"
fi
ctest_line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOG_DIR/ctest.log" | tail -n 1 || true)
echo "tests:  ${ctest_line:-ctest did not report a result (exit $test_status)}"
failed=$(sed -n '/The following tests FAILED:/,$p' "$LOG_DIR/ctest.log" | grep -E '^\s+[0-9]+ - ' || true)
if [[ -n $failed ]]; then
  echo "failed:"
  echo "$failed"
fi
# CTest keeps every test's output, passing ones too, in LastTest.log: lit's own counts.
lit_counts=$(sed -n '/^Total Discovered Tests:/,/^[^ ]/p' "$BUILD_DIR/Testing/Temporary/LastTest.log" 2>/dev/null |
  grep -E '^\s+(Passed|Failed|Unsupported|Unresolved|Timed Out|Excluded|Expectedly Failed|Unexpectedly Passed)\s*:' |
  tr -s ' ' | paste -sd ',' - || true)
if [[ -n $lit_counts ]]; then
  echo "lit:   $lit_counts"
fi
echo "log:    $LOG_DIR/ctest.log"
if [[ $sanitize_status != skipped ]]; then
  san_line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOG_DIR/ctest-sanitize.log" | tail -n 1 || true)
  echo "sanitizers: ${san_line:-ctest did not report a result} ($((sanitize_elapsed / 60))m$((sanitize_elapsed % 60))s, main stage $((main_elapsed / 60))m$((main_elapsed % 60))s)"
  echo "fuzzing: $(tail -n 1 "$LOG_DIR/fuzz.log")"
fi

if ((build_status != 0 || test_status != 0)) || [[ $sanitize_status != 0 && $sanitize_status != skipped ]] ||
  [[ $fuzz_status != 0 && $fuzz_status != skipped ]]; then
  echo "RESULT: FAILED"
  exit 1
fi
echo "RESULT: all suites passed"
