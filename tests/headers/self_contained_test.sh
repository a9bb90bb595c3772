#!/usr/bin/env bash
# self_contained_test.sh INCLUDE_DIR COMPILER...
#
# Every header under INCLUDE_DIR/sqlmodel (the public API and its detail/ headers) compiles
# on its own, first in its translation unit, with `-I INCLUDE_DIR` as the only include
# directory besides the system's, warning-free under -Wall -Wextra, with each compiler given.
# A header that leans on another include root (the runtime's schema/ or db/ folders), or on
# something an earlier include happened to bring in, fails here.
set -uo pipefail

include_dir=$1
shift
cd "$include_dir" || exit 1
mapfile -t headers < <(find sqlmodel -name '*.hpp' | sort)
((${#headers[@]})) || { echo "no headers under $include_dir/sqlmodel" >&2; exit 1; }

failed=0
for compiler in "$@"; do
  # Two at a time: the machine's cores; each header is a separate compiler process.
  failures=$(printf '%s\n' "${headers[@]}" | xargs -P 2 -I{} sh -c \
    'printf "#include \"%s\"\n" "$2" | "$1" -std=c++20 -fsyntax-only -Wall -Wextra -Werror \
       -I . -x c++ - 2>&1 >/dev/null | sed "s|^|  |" | head -20 | { out=$(cat); [ -z "$out" ] || printf "FAILED %s\n%s\n" "$2" "$out"; }' \
    _ "$compiler" {})
  if [[ -n $failures ]]; then
    echo "$compiler: headers that do not compile on their own:"
    echo "$failures"
    failed=1
  else
    echo "$compiler: ${#headers[@]} headers compile on their own"
  fi
done
exit $failed
