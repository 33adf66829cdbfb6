#!/usr/bin/env bash
# Runs every test: unit tests, the local pool with real bubblewrap sandboxes, the functions end to end
# against the local pool and Azurite, and the deployment checks. Installs what is missing first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
# The session helper's Python tests first (seconds, with the Python the sessions run): a broken helper fails
# here, before minutes of Maven. Maven's own run of them (functions' test phase) is then skipped.
helper_tests="$root/functions/src/test/python"
echo "Session helper tests ($helper_tests):"
/usr/bin/python3 -B -m unittest discover -q -s "$helper_tests" -t "$helper_tests"
mvn -B -ntp install -DskipHelperTests "$@"
