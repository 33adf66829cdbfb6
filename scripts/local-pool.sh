#!/usr/bin/env bash
# Starts the local dynamic-sessions pool alone, in the foreground: scripts/local-pool.sh [--port N]
# Settings: LOCAL_POOL_* environment variables (local/README.md, "Local pool settings").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --quiet
"$root/scripts/build.sh"
exec java -XX:+UseSerialGC -Xshare:auto \
  -cp "$root/local/target/classes:$(cat "$root/local/target/classpath.txt")" \
  com.codeinterpreter.local.pool.LocalPool "$@"
