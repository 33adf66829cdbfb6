#!/usr/bin/env bash
# Runs the app on this machine: the local session pool (real bubblewrap sandboxes) in the foreground.
# Installs what is missing first. Stop with Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/local-pool.sh" "$@"
