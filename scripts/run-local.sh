#!/usr/bin/env bash
# Runs the whole app on this machine, in the foreground: Azurite (Blob Storage), the local session pool
# (real bubblewrap sandboxes) and the local Functions host serving the functions module under /api.
# Installs and builds what is missing first, then hands over to the Java launcher the tests use too
# (local/.../host/LocalApp.java), which prints "ready: http://127.0.0.1:7071/api" once all three answer
# and stops everything on Ctrl-C or SIGTERM, or as soon as one of them exits.
#
# Ports: AZURITE_PORT (10000), LOCAL_POOL_PORT (8091), FUNCTIONS_PORT (7071). Pool token: LOCAL_POOL_TOKEN;
# the pool's other settings: LOCAL_POOL_* (the local pool's settings in the docs). App settings: the "Values" of
# local.settings.sample.json, overridden by local.settings.json if present; a variable already set in the
# environment wins over both. Settings that point at the local pool or at Azurite on loopback follow the
# ports above, and SESSION_POOL_TOKEN then follows LOCAL_POOL_TOKEN. Logs: .local/logs/{pool,functions}.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Their output goes to stderr, so that stdout carries only the ready line.
"$root/scripts/setup.sh" --quiet >&2
"$root/scripts/build.sh" >&2

exec java -XX:+UseSerialGC -Xshare:auto -cp "local/target/classes:$(cat local/target/classpath.txt)" \
  com.codeinterpreter.local.host.LocalApp "$@"
