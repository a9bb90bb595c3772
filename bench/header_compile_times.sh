#!/usr/bin/env bash
# header_compile_times.sh [RUNS]
#
# What a user pays per translation unit for sqlmodel's headers: `-fsyntax-only` on
#   std_only   a file that includes only the standard headers the headers of orm.hpp include
#   orm        #include <sqlmodel/orm.hpp>
#   traits     the generated traits header of the todo models (the plugin's golden output,
#              tests/lit/plugin/emit/Inputs/golden/todo.sqlmodel.hpp), which includes
#              model_traits.hpp and value_codec.hpp
#   json       #include <sqlmodel/json.hpp> (to_json / from_json of models: nlohmann/json)
# with clang++-19 and g++, each the best of RUNS (default 5), as CPU time (user + system: on a
# busy machine the figure that moves least) and wall time. Each line ends with the ratio to
# std_only of the same compiler, and for orm and traits with issue 15's targets (orm.hpp at most
# 1.0 s, the traits header at most 0.6 s; sqlite_orm's single header takes 1.0 s).
# Not a test: nothing here fails on a figure; the README's performance section records them.
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo '#include <sqlmodel/orm.hpp>' >"$work/orm.cpp"
# The standard headers that the sqlmodel headers orm.hpp reaches include, and nothing else.
g++ -std=c++20 -MM -I "$root/include" "$work/orm.cpp" | tr ' \\' '\n\n' | grep '/include/sqlmodel/' |
  xargs grep -hoE '^#include <[a-z_]+>' | sort -u >"$work/std_only.cpp"
echo '#include "todo.sqlmodel.hpp"' >"$work/traits.cpp"
echo '#include <sqlmodel/json.hpp>' >"$work/json.cpp"

best() {  # best <compiler> <file> <extra flags...>: "cpu wall" of the fastest run, in seconds
  local compiler=$1 file=$2
  shift 2
  local best_wall='' best_cpu='' wall user system cpu
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$compiler" -std=c++20 -fsyntax-only \
      -I "$root/include" "$@" "$file"
    read -r wall user system <"$work/time"
    cpu=$(echo "$user + $system" | bc)
    if [[ -z $best_wall ]] || (($(echo "$wall < $best_wall" | bc))); then best_wall=$wall; fi
    if [[ -z $best_cpu ]] || (($(echo "$cpu < $best_cpu" | bc))); then best_cpu=$cpu; fi
  done
  printf '%.2f %.2f\n' "$best_cpu" "$best_wall"
}

target_of() {
  case $1 in
    orm) echo 1.0 ;;
    traits) echo 0.6 ;;
    *) echo '' ;;
  esac
}

echo "std_only: $(grep -c . "$work/std_only.cpp") standard headers:" \
  "$(sed 's/#include //' "$work/std_only.cpp" | tr '\n' ' ')"
echo "best of $runs runs each"
printf '%-11s %-9s %8s %8s %12s %s\n' compiler file 'cpu s' 'wall s' 'x std_only' 'target (cpu)'
for compiler in clang++-19 g++; do
  baseline=''
  for name in std_only orm traits json; do
    extra=()
    [[ $name == traits ]] && extra=(-I "$root/tests/lit/plugin/emit/Inputs/golden" -I "$root/tests/lit/plugin/Inputs")
    read -r cpu wall < <(best "$compiler" "$work/$name.cpp" "${extra[@]}")
    [[ -z $baseline ]] && baseline=$cpu
    ratio=$(echo "scale=2; $cpu / $baseline" | bc)
    target=$(target_of "$name")
    verdict=''
    if [[ -n $target ]]; then
      if (($(echo "$cpu <= $target" | bc))); then verdict="<= $target s: met"; else verdict="<= $target s: NOT met"; fi
    fi
    printf '%-11s %-9s %8s %8s %12s %s\n' "$compiler" "$name" "$cpu" "$wall" "$ratio" "$verdict"
  done
done
