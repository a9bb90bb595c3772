#!/usr/bin/env bash
# Usage: make-project.sh SQLMODEL_MIGRATE DIR [URL]
#
# A fresh project in DIR for the apply tests: sqlmodel.toml pointing at URL (default: the
# SQLite file DIR/app.db) and three revisions written by `revision --autogenerate` from the
# snapshots next to this script:
#   000000000001  create teams and users   (v1: teams, users with a FK to teams and an index)
#   000000000002  add users nickname       (v2: a nullable column)
#   000000000003  add users login count    (v3: a NOT NULL column with a server default)
# The snapshot left in DIR/build/models.schema.json is v3.
set -euo pipefail
migrate=$1
dir=$2
url=${3:-sqlite:///$dir/app.db}
inputs=$(cd "$(dirname "$0")" && pwd)

rm -rf "$dir"
mkdir -p "$dir/build"
"$migrate" -c "$dir/sqlmodel.toml" --url "$url" init --snapshot build/models.schema.json >/dev/null
messages=("create teams and users" "add users nickname" "add users login count")
for n in 1 2 3; do
  cp "$inputs/v$n.schema.json" "$dir/build/models.schema.json"
  "$migrate" -c "$dir/sqlmodel.toml" revision -m "${messages[$((n - 1))]}" --rev-id "00000000000$n" >/dev/null
done
