#!/usr/bin/env bash
# Measures the figures in BENCHMARKS.md (each beside its reference, in one run on the real local stack)
# and rewrites that file. Takes about 3 minutes on 2 cores.
# Usage: scripts/bench.sh [iterations] [sections: all, or some of warm,new,chart,load,memory,start,burst,size,files,scan]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --quiet
"$root/scripts/build.sh"
cd "$root"
exec java -XX:+UseSerialGC -cp "$root/local/target/classes:$(cat "$root/local/target/classpath.txt")" \
  com.codeinterpreter.local.bench.Benchmarks "${1:-2000}" "$root/BENCHMARKS.md" "${2:-all}"
