#!/usr/bin/env bash
# squawk-cli (https://squawkhq.com), the PostgreSQL migration linter the lint tests compare
# `sqlmodel-migrate lint` with. Installs it from npm, at the version and integrity hashes pinned
# in tools/squawk/package-lock.json, into BUILD_DIR/squawk, and prints the path of its binary.
#
#   tools/squawk.sh BUILD_DIR
#
# Nothing is installed globally and npm's cache stays in BUILD_DIR/squawk too. Install scripts
# are not run, so nothing is downloaded from anywhere but the npm registry: the binary is the
# file inside the platform package (@squawk-cli/linux-x64), checked against the pinned hash by
# npm and again below. A second run with the same lock file reuses the install.
# Needs node and npm (tools/deps.sh installs Debian's when they are missing). Exit 1 with the
# reason on stderr when squawk cannot be installed.
set -euo pipefail

build_dir=${1:?usage: tools/squawk.sh BUILD_DIR}
pinned=$(cd "$(dirname "${BASH_SOURCE[0]}")/squawk" && pwd)
mkdir -p "$build_dir"
dest=$(cd "$build_dir" && pwd)/squawk

fail() {
  echo "squawk: $*" >&2
  exit 1
}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  *) fail "no squawk-cli package for $(uname -s) $(uname -m)" ;;
esac
binary=$dest/node_modules/@squawk-cli/$platform/bin/squawk
version=$(sed -n 's/.*"squawk-cli": "\([0-9.]*\)".*/\1/p' "$pinned/package.json")

installed_version() {
  [[ -x $binary ]] && "$binary" --version 2>/dev/null | sed -n 's/^squawk //p'
}

if cmp -s "$pinned/package-lock.json" "$dest/pinned-package-lock.json" && [[ "$(installed_version)" == "$version" ]]; then
  echo "$binary"
  exit 0
fi

command -v npm >/dev/null || fail "npm is not installed (tools/deps.sh installs Debian's nodejs and npm)"
rm -rf "$dest"
mkdir -p "$dest"
cp "$pinned/package.json" "$pinned/package-lock.json" "$dest/"
# `npm install` with the lock, not `npm ci`: the lock holds only the platform packages the
# registry serves, and ci refuses a lock that lacks an optional dependency.
if ! (cd "$dest" && npm install --ignore-scripts --no-audit --no-fund --no-update-notifier --loglevel=error \
  --cache "$dest/.npm-cache" >"$dest/npm-install.log" 2>&1); then
  cat "$dest/npm-install.log" >&2
  fail "npm install failed in $dest"
fi

# What npm installed is what the lock pins: same versions and integrity hashes, fetched from the
# configured registry (a "resolved" elsewhere, a git or file dependency, would show here), and
# no package that asks for an install script.
registry=$(cd "$dest" && npm config get registry)
node - "$pinned/package-lock.json" "$dest/node_modules/.package-lock.json" "$registry" "$platform" <<'NODE' ||
const fs = require("fs");
const [pinnedPath, installedPath, registry, platform] = process.argv.slice(2);
const pinned = JSON.parse(fs.readFileSync(pinnedPath, "utf8")).packages;
const installed = JSON.parse(fs.readFileSync(installedPath, "utf8")).packages;
const problems = [];
for (const [path, entry] of Object.entries(installed)) {
  const want = pinned[path];
  if (!want) problems.push(`${path} is not in the pinned lock`);
  else if (want.version !== entry.version || want.integrity !== entry.integrity)
    problems.push(`${path} ${entry.version} ${entry.integrity} differs from the pinned ${want.version} ${want.integrity}`);
  if (entry.resolved && !entry.resolved.startsWith(registry)) problems.push(`${path} came from ${entry.resolved}`);
  if (entry.hasInstallScript) problems.push(`${path} has an install script`);
}
const binaryPackage = `node_modules/@squawk-cli/${platform}`;
if (!installed[binaryPackage]) problems.push(`${binaryPackage} was not installed`);
const path = require("path");
const manifestPath = path.join(path.dirname(installedPath), "@squawk-cli", platform, "package.json");
const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
if (!(manifest.files || []).includes("bin/squawk")) problems.push(`${binaryPackage} does not ship bin/squawk`);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
NODE
  fail "the install in $dest does not match tools/squawk/package-lock.json"
[[ "$(installed_version)" == "$version" ]] || fail "$binary does not report squawk $version"
cp "$pinned/package-lock.json" "$dest/pinned-package-lock.json"
echo "$binary"
