#!/usr/bin/env bash
# Builds everything and runs every test suite: the GoogleTest suites and the lit suites
# (one CTest test, `lit`), all under tools/with-postgres.sh so the PostgreSQL tests get a
# real, throwaway server. Exits non-zero if the build or any test fails.
#
#   SQLMODEL_BUILD_DIR   build directory (default: build)
#   SQLMODEL_JOBS        parallel build jobs (default: 2)
#   CI=true              a test that needs PostgreSQL fails instead of skipping
#
# Missing Debian packages are installed first when run as root (see tools/deps.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/deps.sh

BUILD_DIR=${SQLMODEL_BUILD_DIR:-build}
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

if ((build_status != 0 || test_status != 0)); then
  echo "RESULT: FAILED"
  exit 1
fi
echo "RESULT: all suites passed"
