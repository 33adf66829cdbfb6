#!/usr/bin/env bash
# Runs every test: unit tests, the local pool with real bubblewrap sandboxes, the functions end to end
# against the local pool and Azurite, and the deployment checks. Installs what is missing first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
mvn -B -ntp install "$@"
