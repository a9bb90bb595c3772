#!/usr/bin/env bash
# Usage: make-project.sh SQLMODEL_MIGRATE DIR [URL]
#
# A project in DIR whose revision ids sort against the order they apply in: a root, two
# branches off it, and the merge that joins them (all empty: the order is what is tested).
#   ffffffffff01  root
#   0000000000b2  branch b     (parent ffffffffff01)
#   0000000000c3  branch c     (parent ffffffffff01)
#   0000000000a0  join         (parents 0000000000b2, 0000000000c3)
set -euo pipefail
migrate=$1
dir=$2
url=${3:-sqlite:///$dir/app.db}

rm -rf "$dir"
mkdir -p "$dir"
"$migrate" -c "$dir/sqlmodel.toml" --url "$url" init --snapshot build/models.schema.json >/dev/null
"$migrate" -c "$dir/sqlmodel.toml" revision --empty -m "root" --rev-id ffffffffff01 >/dev/null
"$migrate" -c "$dir/sqlmodel.toml" revision --empty -m "branch b" --rev-id 0000000000b2 >/dev/null
sed -e 's/"0000000000b2"/"0000000000c3"/' -e 's/branch b/branch c/' \
  "$dir/migrations/0002_0000000000b2_branch_b.json" >"$dir/migrations/0003_0000000000c3_branch_c.json"
"$migrate" -c "$dir/sqlmodel.toml" merge -m "join" --rev-id 0000000000a0 >/dev/null
