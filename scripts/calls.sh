#!/usr/bin/env bash
# Summarises the local app's tool calls: scripts/calls.sh [FILE] (default .local/logs/calls.jsonl, one event
# per call, written by the functions host under scripts/run-local.sh). Prints a table per tool (calls,
# outcomes, p50 and p95 of the call and of its parts) and the last failures: the figures the Azure
# workbook charts (docs/operating.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-$root/.local/logs/calls.jsonl}"
if [[ ! -f "$file" ]]; then
  echo "calls.sh: no $file yet: start the app with scripts/run-local.sh and make a call, or name a file" >&2
  exit 2
fi
exec /usr/bin/python3 - "$file" <<'PY'
import collections, json, sys

def percentile(values, p):
    # Nearest rank: one of the values seen, as App Insights' percentile() also answers.
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)] if ordered else 0

events, unreadable = [], 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        try:
            events.append(json.loads(line))
        except ValueError:
            unreadable += 1
by_tool = collections.defaultdict(list)
for e in events:
    by_tool[e["tool"]].append(e)
print("%d calls in %s%s" % (len(events), sys.argv[1], "" if not unreadable else " (%d lines unreadable, skipped)" % unreadable))
print()
header = "%-20s %6s  %-44s %8s %8s %10s %8s %10s" % ("tool", "calls", "outcomes", "p50 ms", "p95 ms", "p95 wait", "p95 pool", "p95 publish")
print(header)
print("-" * len(header))
for tool in sorted(by_tool):
    calls = by_tool[tool]
    outcomes = collections.Counter(e["outcome"] for e in calls)
    shown = " ".join("%s=%d" % (o, n) for o, n in outcomes.most_common())
    print("%-20s %6d  %-44s %8d %8d %10d %8d %10d" % (tool, len(calls), shown,
          percentile([e["durationMs"] for e in calls], 50), percentile([e["durationMs"] for e in calls], 95),
          percentile([e["sessionWaitMs"] for e in calls], 95), percentile([e["poolMs"] for e in calls], 95),
          percentile([e["publishMs"] for e in calls], 95)))
states = collections.Counter(e.get("sessionState") for e in events if e.get("sessionState") in ("new", "expired", "restarted"))
published = sum(e["filesPublished"] for e in events)
failed = sum(e["filesFailed"] for e in events)
print()
print("sessions started: %s" % (", ".join("%s=%d" % s for s in sorted(states.items())) or "none"))
print("outputs published: %d, failed to publish: %d" % (published, failed))
failures = [e for e in events if e["outcome"] not in ("succeeded", "running")][-10:]
print()
print("last failures:" if failures else "no failures")
for e in failures:
    print("  %-20s %-22s %6d ms  session %s  %s%s" % (e["tool"], e["outcome"] + (" " + e["errorCode"] if e.get("errorCode") else ""),
          e["durationMs"], e.get("session", "-"), e["invocationId"],
          "  (" + e["explanation"] + ")" if e.get("explanation") else ""))
PY
