#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz (built with -DSQLMODEL_FUZZ=ON, as tools/test.sh's
# sanitizer build does) for a bounded time, starting from its seed corpus and its regression
# inputs. The corpus in the repository is not modified: new inputs go to a scratch directory.
#
#   tools/fuzz.sh BUILD_DIR [SECONDS_PER_TARGET]   (default 40: six targets, four minutes)
#
# A crash, a leak, a sanitizer report, a timeout (10 s per input) or memory past 2 GB fails
# the run. The input is kept under BUILD_DIR/fuzz/artifacts/<target>/ and the message says how
# to make it a regression test: copy it to tests/fuzz/regressions/<target>/, fix the bug, and
# fuzz.<target> (every build) replays it from then on.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${1:?usage: tools/fuzz.sh BUILD_DIR [SECONDS_PER_TARGET]}
seconds=${2:-40}
targets=(snapshot_reader migration_file sql_expression sqlite_create_table url config)
work="$build_dir/fuzz"
failed=()

for target in "${targets[@]}"; do
  binary="$build_dir/tests/fuzz/fuzz_$target"
  if [[ ! -x $binary ]]; then
    echo "fuzz: $binary is not built (configure with -DSQLMODEL_FUZZ=ON)" >&2
    failed+=("$target (not built)")
    continue
  fi
  corpus="$work/corpus/$target"
  artifacts="$work/artifacts/$target"
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  seeds=(tests/fuzz/corpus/$target)
  [[ -d tests/fuzz/regressions/$target ]] && seeds+=(tests/fuzz/regressions/$target)
  started=$(date +%s)
  # -max_total_time bounds the run; leaks and sanitizer reports end it with a non-zero exit.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$binary" "$corpus" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$work/$target.log" 2>&1
  status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$work/$target.log" | grep -oE '[0-9]+$' || echo "?")
  if ((status == 0)); then
    echo "fuzz: $target: $runs inputs in $(($(date +%s) - started)) s, no finding"
  else
    echo "fuzz: $target: FAILED (exit $status) after $runs inputs; log: $work/$target.log"
    grep -E 'ERROR: |SUMMARY: |runtime error|unexpected exception|Test unit written to' "$work/$target.log" | head -n 12 | sed 's/^/  /'
    for artifact in "$artifacts"/*; do
      [[ -e $artifact ]] || continue
      echo "  keep it as a regression test: cp $artifact tests/fuzz/regressions/$target/"
    done
    failed+=("$target")
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds} s each without a finding"
