# Helpers the tests/install scripts share. Each check names what was expected and shows the
# output it looked at, so a failure in CTest's log explains itself.
set -euo pipefail

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run_logged LOG CMD...: runs CMD with its output in LOG (shown on failure); returns CMD's status.
run_logged() {
  local log=$1
  shift
  echo "+ $*" >&2
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  return $status
}

# must_succeed LOG CMD...
must_succeed() {
  local log=$1
  if ! run_logged "$@"; then
    cat "$log" >&2
    shift
    fail "command failed: $*"
  fi
}

# must_fail LOG CMD...
must_fail() {
  local log=$1
  if run_logged "$@"; then
    cat "$log" >&2
    shift
    fail "command succeeded but should have failed: $*"
  fi
}

# must_contain LOG TEXT WHY
must_contain() {
  if ! grep -qF -- "$2" "$1"; then
    cat "$1" >&2
    fail "$3: expected the output above to contain '$2'"
  fi
}

# must_not_contain LOG TEXT WHY
must_not_contain() {
  if grep -qF -- "$2" "$1"; then
    cat "$1" >&2
    fail "$3: the output above should not contain '$2'"
  fi
}

# fresh_dir DIR: an empty directory (the tests start from nothing, as a new user does).
fresh_dir() {
  rm -rf "$1"
  mkdir -p "$1"
}
