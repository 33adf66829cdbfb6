#!/usr/bin/env bash
# Builds both modules (skipping tests) when a source or pom changed since the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stamp="$root/local/target/classpath.txt"
if [ -f "$stamp" ] && [ -z "$(find "$root/pom.xml" "$root/host.json" "$root/functions" "$root/local" \
     \( -path '*/target' -prune \) -o -type f -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
mvn -B -q -f "$root/pom.xml" -DskipTests install
touch "$stamp"
