#!/usr/bin/env bash
# The one list of Debian 12 packages sqlmodel-cpp needs to build, test and run its demo.
#
#   tools/deps.sh            install what is missing (as root), or print the apt-get line
#   source tools/deps.sh     defines sqlmodel_ensure_deps for the other scripts
#
# Quick when everything is installed: dpkg-query only, no apt-get update.

SQLMODEL_DEBIAN_PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config python3
  # the Clang plugin (SQLMODEL_WITH_PLUGIN) and lit + FileCheck for the tests
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools
  # SQLite (embedded default) and PostgreSQL (SQLMODEL_WITH_POSTGRES)
  libsqlite3-dev sqlite3 libpqxx-dev libpq-dev
  # libraries
  nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev libssl-dev
  # `.pattern` validation (runtime and plugin): a linear-time regex engine
  libre2-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # the throwaway server tools/with-postgres.sh starts for the PostgreSQL tests
  postgresql-15
  # docs/diagram.md renders the Graphviz output with dot (docs.commands runs it)
  graphviz
)

# Packages needed for a command, installed only when the command is missing: a machine whose
# npm comes with another nodejs build (NodeSource's bundles it, and conflicts with Debian's npm)
# keeps its own. "command:package package...".
SQLMODEL_DEBIAN_COMMANDS=(
  # squawk-cli from npm (tools/squawk.sh), which the lint tests compare sqlmodel-migrate lint with
  "npm:nodejs npm"
)

# Prints the packages of SQLMODEL_DEBIAN_PACKAGES that are not installed, and those of
# SQLMODEL_DEBIAN_COMMANDS whose command is missing, one per line.
sqlmodel_missing_packages() {
  local package status entry
  local -a packages
  for package in "${SQLMODEL_DEBIAN_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
      echo "$package"
    fi
  done
  for entry in "${SQLMODEL_DEBIAN_COMMANDS[@]}"; do
    if ! command -v "${entry%%:*}" >/dev/null; then
      read -ra packages <<<"${entry#*:}"
      printf '%s\n' "${packages[@]}"
    fi
  done
}

# Installs the missing packages when running as root; otherwise prints the exact command
# and returns 1.
sqlmodel_ensure_deps() {
  local missing
  mapfile -t missing < <(sqlmodel_missing_packages)
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "deps: installing missing Debian packages: ${missing[*]}"
  apt-get update || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" || return 1
  mapfile -t missing < <(sqlmodel_missing_packages)
  if ((${#missing[@]} != 0)); then
    echo "deps: still missing after apt-get install: ${missing[*]}" >&2
    return 1
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  sqlmodel_ensure_deps
  echo "deps: all ${#SQLMODEL_DEBIAN_PACKAGES[@]} Debian packages and the commands of ${#SQLMODEL_DEBIAN_COMMANDS[@]} more are installed"
fi
