#!/usr/bin/env bash
# Runs the whole app on this machine, in the foreground: Azurite (Blob Storage), the local session pool
# (real bubblewrap sandboxes) and the local Functions host serving the functions module under /api.
# Installs and builds what is missing first, prints "ready: http://127.0.0.1:7071/api" once all three
# answer, and stops everything it started on Ctrl-C or SIGTERM, or as soon as one of them exits.
#
# Ports: AZURITE_PORT (10000), LOCAL_POOL_PORT (8091), FUNCTIONS_PORT (7071). Pool token: LOCAL_POOL_TOKEN.
# App settings: the "Values" of local.settings.sample.json, overridden by local.settings.json if present;
# a variable already set in the environment wins over both. Settings that point at the local pool or at
# Azurite on loopback follow the ports above, and SESSION_POOL_TOKEN then follows LOCAL_POOL_TOKEN.
# Output of each: .local/logs/{azurite,pool,functions}.log. RUN_LOCAL_READY_TIMEOUT: seconds to wait (180).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

azurite_port="${AZURITE_PORT:-10000}"
pool_port="${LOCAL_POOL_PORT:-8091}"
functions_port="${FUNCTIONS_PORT:-7071}"
export LOCAL_POOL_TOKEN="${LOCAL_POOL_TOKEN:-local-pool-token}"
ready_timeout="${RUN_LOCAL_READY_TIMEOUT:-180}"
logs=".local/logs"

say() { echo "run-local: $*" >&2; }

for port in "$azurite_port" "$pool_port" "$functions_port"; do
  # Something already answering there would pass the ready check in place of ours.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "port $port is already in use (another run-local.sh?); free it or set AZURITE_PORT, LOCAL_POOL_PORT, FUNCTIONS_PORT"
    exit 1
  fi
done

# Their output goes to stderr, so that stdout carries only the ready line.
"$root/scripts/setup.sh" --quiet >&2
"$root/scripts/build.sh" >&2

# The functions host's app settings as NUL-separated NAME=VALUE, only those not already in the environment.
settings_file="$(mktemp)"
/usr/bin/python3 - "$azurite_port" "$pool_port" >"$settings_file" <<'PY' || { rm -f "$settings_file"; exit 1; }
import json, os, re, sys
from urllib.parse import urlsplit

azurite_port, pool_port = sys.argv[1], sys.argv[2]
values = {}
for path in ("local.settings.sample.json", "local.settings.json"):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for name, value in (json.load(f).get("Values") or {}).items():
                values[name] = json.dumps(value) if isinstance(value, bool) else ("" if value is None else str(value))

def on_loopback(url):
    try:
        return urlsplit(url).hostname in ("127.0.0.1", "localhost")
    except ValueError:
        return False

if on_loopback(values.get("SESSION_POOL_ENDPOINT", "")):
    values["SESSION_POOL_ENDPOINT"] = "http://127.0.0.1:" + pool_port
    values["SESSION_POOL_TOKEN"] = os.environ["LOCAL_POOL_TOKEN"]
if "OUTPUTS_STORAGE_CONNECTION_STRING" in values:
    values["OUTPUTS_STORAGE_CONNECTION_STRING"] = re.sub(
        r"(BlobEndpoint=https?://(?:127\.0\.0\.1|localhost)):\d+", r"\g<1>:" + azurite_port,
        values["OUTPUTS_STORAGE_CONNECTION_STRING"])
for name, value in values.items():
    if name not in os.environ and "=" not in name and "\0" not in name + value:
        sys.stdout.write(name + "=" + value + "\0")
PY
mapfile -d '' -t settings <"$settings_file"
rm -f "$settings_file"

mkdir -p "$logs" .local/azurite
classpath="local/target/classes:$(cat local/target/classpath.txt)"
pids=()
names=()
stopping=false

# Starts a child in its own process group, so that stopping it also stops what it started (node, kernels).
start() {
  local name="$1"
  shift
  setsid "$@" >"$logs/$name.log" 2>&1 </dev/null &
  pids+=("$!")
  names+=("$name")
}

# True while any process of the group led by $1 is alive (zombies waiting to be reaped do not count).
group_alive() {
  local file stat state ppid pgrp rest
  for file in /proc/[0-9]*/stat; do
    read -r stat 2>/dev/null <"$file" || continue
    read -r state ppid pgrp rest <<<"${stat##*) }"
    if [ "$pgrp" = "$1" ] && [ "$state" != Z ]; then
      return 0
    fi
  done
  return 1
}

any_alive() {
  local pid
  for pid in "${pids[@]}"; do
    if group_alive "$pid"; then return 0; fi
  done
  return 1
}

stop_all() {
  if $stopping; then return 0; fi
  stopping=true
  local pid deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  # Time to clean up (the pool deletes its sessions' files), then no more waiting.
  while any_alive && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}

on_signal() {
  local pid
  if $stopping; then
    # A second Ctrl-C: stop waiting for a clean shutdown.
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    exit "$1"
  fi
  say "stopping"
  stop_all
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'stop_all' EXIT

# True once the child $1 has exited (reaped, or a zombie not yet reaped).
exited() {
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 0
  stat="${stat##*) }"
  [ "${stat%% *}" = Z ]
}

# Reports a child that has exited, with the end of its log, and exits (the EXIT trap stops the others).
fail_if_one_exited() {
  local i
  for i in "${!pids[@]}"; do
    if exited "${pids[$i]}"; then
      say "${names[$i]} exited; stopping the others. Last lines of $logs/${names[$i]}.log:"
      tail -n 25 "$logs/${names[$i]}.log" >&2 || true
      exit 1
    fi
  done
}

answers() {
  local code
  code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)"
  [ -n "$code" ] && [ "$code" != 000 ]
}

say "starting Azurite (:$azurite_port), the local pool (:$pool_port) and the functions host (:$functions_port); logs in $logs/{azurite,pool,functions}.log"
start azurite java -cp "$classpath" com.codeinterpreter.local.azurite.AzuriteProcess --port "$azurite_port" --location .local/azurite
start pool java -XX:+UseSerialGC -Xshare:auto -cp "$classpath" com.codeinterpreter.local.pool.LocalPool --port "$pool_port"
start functions env "${settings[@]}" java -XX:+UseSerialGC -Xshare:auto -cp "$classpath" \
  com.codeinterpreter.local.host.LocalFunctionsHostMain --port "$functions_port"

deadline=$((SECONDS + ready_timeout))
until answers "http://127.0.0.1:$azurite_port/devstoreaccount1?comp=list" \
    && answers "http://127.0.0.1:$pool_port/" \
    && [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$functions_port/api" || true)" = 200 ]; do
  fail_if_one_exited
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "not ready after ${ready_timeout}s (RUN_LOCAL_READY_TIMEOUT); see $logs/"
    exit 1
  fi
  sleep 0.3
done

grep -E '^  ' "$logs/functions.log" >&2 || true
echo "ready: http://127.0.0.1:$functions_port/api"

# In the foreground until a signal arrives (the traps stop everything) or one of the children exits.
while true; do
  wait -n "${pids[@]}" || true
  fail_if_one_exited
done
