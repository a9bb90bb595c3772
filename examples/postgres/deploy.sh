#!/usr/bin/env bash
# Usage: deploy.sh --url postgresql://... --config sqlmodel.toml --app todo-app [--backup-dir DIR]
#
# Puts a release's migrations on a PostgreSQL database the way production wants it, and stops
# at the first step that fails:
#   1. preflight   the migrations match the models the release was built from
#                  (sqlmodel-migrate check --offline), and the server answers
#   2. plan        where the database is (current) and what will be applied (check)
#   3. back up     pg_dump --format=custom, then pg_restore --list to prove the file reads back
#   4. upgrade     sqlmodel-migrate upgrade: one transaction per migration, under the migration
#                  lock, so a second deploy waits instead of applying anything twice
#   5. verify      sqlmodel-migrate current + check (the database is at head and holds exactly
#                  the schema the migrations create), then the app's own start-up check
#                  (todo-app --check-schema: the compiled-in models against the live database)
# When the upgrade or the verification fails it prints the pg_restore command that puts the
# backup back. Run it against staging first, then production (README.md).
#
#   --url URL         the database (default: $SQLMODEL_DATABASE_URL)
#   --config FILE     the sqlmodel.toml naming the migrations and the models' snapshot
#                     (default: ./sqlmodel.toml)
#   --app PATH        the application binary built from the same models (its --check-schema
#                     runs last; default: no app check)
#   --backup-dir DIR  where the dump goes (default: ./backups)
#   SQLMODEL_MIGRATE  the sqlmodel-migrate binary (default: from PATH)
#   SQLMODEL_PG_BIN   PostgreSQL client programs (default: /usr/lib/postgresql/15/bin when it
#                     exists, else PATH); pg_dump must be at least the server's major version
set -euo pipefail

URL=${SQLMODEL_DATABASE_URL:-}
CONFIG=sqlmodel.toml
APP=
BACKUP_DIR=backups
MIGRATE=${SQLMODEL_MIGRATE:-sqlmodel-migrate}
if [[ -z ${SQLMODEL_PG_BIN:-} && -x /usr/lib/postgresql/15/bin/pg_dump ]]; then
  SQLMODEL_PG_BIN=/usr/lib/postgresql/15/bin
fi
pg_tool() { if [[ -n ${SQLMODEL_PG_BIN:-} ]]; then echo "$SQLMODEL_PG_BIN/$1"; else echo "$1"; fi; }

die() { echo "deploy.sh: $*" >&2; exit 1; }
step() { printf '\n---- %s\n' "$*"; }
usage() { sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --url) URL=${2:?--url needs a value}; shift 2 ;;
    --config) CONFIG=${2:?--config needs a value}; shift 2 ;;
    --app) APP=${2:?--app needs a value}; shift 2 ;;
    --backup-dir) BACKUP_DIR=${2:?--backup-dir needs a value}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "deploy.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n $URL ]] || die "no database: give --url or set SQLMODEL_DATABASE_URL"
[[ $URL == postgresql://* || $URL == postgres://* ]] || die "this workflow is for PostgreSQL; the URL must start with postgresql://"
[[ -f $CONFIG ]] || die "no project file $CONFIG (give --config)"
[[ -z $APP || -x $APP ]] || die "the app $APP is not an executable"
# The password never reaches the terminal.
SHOWN_URL=$(sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$URL")
migrate() { "$MIGRATE" --config "$CONFIG" --url "$URL" "$@"; }

step "1. preflight"
migrate check --offline || die "the migrations do not match the models of this release: generate the missing migration (sqlmodel-migrate revision) and ship it with the release"
"$(pg_tool pg_isready)" -q -d "$URL" -t 10 || die "the server of $SHOWN_URL does not answer"
echo "ok: $SHOWN_URL answers"

step "2. plan"
migrate current
status=0
migrate check || status=$?
case $status in
  0) echo "(the database is already at head: the upgrade will apply nothing)" ;;
  1) echo "(pending revisions listed above are applied in step 4; any other difference fails the verification in step 5)" ;;
  *) die "sqlmodel-migrate check could not read the database (exit $status)" ;;
esac

step "3. back up"
mkdir -p "$BACKUP_DIR"
BACKUP="$BACKUP_DIR/before-upgrade-$(date -u +%Y%m%dT%H%M%S.%NZ).dump"
"$(pg_tool pg_dump)" --format=custom --no-owner --file="$BACKUP" "$URL" || die "pg_dump failed: nothing was changed"
"$(pg_tool pg_restore)" --list "$BACKUP" >/dev/null || die "the backup $BACKUP does not read back: nothing was changed"
echo "ok: $BACKUP ($(stat -c %s "$BACKUP") bytes, readable by pg_restore)"
RESTORE="$(pg_tool pg_restore) --clean --if-exists --no-owner --single-transaction -d '$SHOWN_URL' '$BACKUP'"

step "4. upgrade"
migrate upgrade || die "the upgrade failed; the failing migration was rolled back, the ones before it stay applied.
To put the whole database back as it was:  $RESTORE"

step "5. verify"
migrate current
migrate check || die "the database does not match the migrations after the upgrade; to go back: $RESTORE"
if [[ -n $APP ]]; then
  "$APP" --url "$URL" --check-schema || die "the app's schema check failed; to go back: $RESTORE"
fi

printf '\ndeployed: %s is at head; backup kept in %s\n' "$SHOWN_URL" "$BACKUP"
