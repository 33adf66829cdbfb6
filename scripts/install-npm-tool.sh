#!/usr/bin/env bash
# Installs one of the project's npm tools (a folder under tools/ with a committed lock file):
#   scripts/install-npm-tool.sh bicep-check|azurite|mcp-client
#
# Idempotent and fast when nothing changed: it reinstalls only when node_modules is missing or the
# lock file differs from the one the last install used. --ignore-scripts: no install script is needed
# (tree-sitter-bicep's would build a native addon the check does not use; it loads the WASM grammar).
set -euo pipefail

name="${1:?usage: install-npm-tool.sh <tool folder under tools/>}"
tool_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/$name" && pwd)"
stamp="$tool_dir/node_modules/.installed-lock.sha256"

lock_hash() {
  sha256sum "$tool_dir/package-lock.json" | cut -d' ' -f1
}

is_current() {
  [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$(lock_hash)" ]]
}

install() {
  if is_current; then
    return 0
  fi
  echo "installing tools/$name dependencies (npm ci)" >&2
  (cd "$tool_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  # Written last, so an interrupted install is retried next time.
  lock_hash >"$stamp"
}

command -v npm >/dev/null || { echo "npm is required (Node.js 20 or newer)" >&2; exit 1; }

# npm ci deletes node_modules first, so two concurrent installs (a test run and a script) would break
# each other; serialise them when flock is available.
if command -v flock >/dev/null; then
  exec 9>"${TMPDIR:-/tmp}/code-interpreter-npm-$name.lock"
  flock 9
fi
install
