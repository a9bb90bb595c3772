#!/usr/bin/env bash
# Usage: bench/orm_bench_callgrind.sh BUILD_DIR/bench/orm_bench
#
# orm_bench's ratios in instructions executed (valgrind --tool=callgrind), which other work on
# the machine does not change, unlike times: each side runs once (ORM_BENCH_ONLY=raw|orm) and
# each figure is the inclusive count of its named function. Build orm_bench in Release.
set -euo pipefail

bench=${1:?usage: bench/orm_bench_callgrind.sh path/to/orm_bench}
command -v valgrind >/dev/null || { echo "orm_bench_callgrind.sh: valgrind is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for side in raw orm; do
  ORM_BENCH_ONLY=$side valgrind --tool=callgrind --callgrind-out-file="$work/$side.out" "$bench" \
    >"$work/$side.log" 2>&1 || { cat "$work/$side.log" >&2; exit 1; }
done

# The inclusive count of the one function whose name contains $2, in callgrind output $1.
count() {
  callgrind_annotate --inclusive=yes --threshold=100 "$1" |
    awk -v name="$2" 'index($0, name) && !found { gsub(",", "", $1); print $1; found = 1 }'
}

printf 'ORM vs raw sqlite3 in instructions (callgrind, one run each; ratio = ORM / raw, target <= 1.10)\n'
printf '%-40s %14s %14s %8s\n' "" "raw Ir" "ORM Ir" "ratio"
while IFS='|' read -r label raw_function orm_function; do
  raw=$(count "$work/raw.out" "$raw_function")
  orm=$(count "$work/orm.out" "$orm_function")
  [[ -n $raw && -n $orm ]] || { echo "orm_bench_callgrind.sh: no count for $label" >&2; exit 1; }
  printf '%-40s %14d %14d %8.3f\n' "$label" "$raw" "$orm" "$(echo "$orm / $raw" | bc -l)"
done <<'FIGURES'
insert 100,000 rows (one transaction)|Raw::insert(|orm_insert(
read 100,000 rows|Raw::read_all(|orm_read_all(
10,000 primary key lookups|Raw::lookups(|orm_lookups(
1,000 users x 10 posts (selectinload)|Raw::users_with_posts(|orm_users_with_posts(
FIGURES
