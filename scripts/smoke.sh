#!/usr/bin/env bash
# Smoke test of a deployed code-interpreter function app: calls every tool once over HTTP, then one
# over MCP (streamable HTTP, /runtime/webhooks/mcp), all in one session.
#
# Usage: scripts/smoke.sh <function-app-url> [function-key] [mcp-key]
#   function-app-url  e.g. https://func-api-xxxx.azurewebsites.net (with or without /api, trailing slash ok)
#   function-key      sent as x-functions-key to /api; defaults to $FUNCTION_KEY; omit for a local host
#   mcp-key           the mcp_extension system key, sent as x-functions-key to the MCP endpoint; defaults
#                     to $MCP_FUNCTIONS_KEY; omit for a local host
# Prints PASS <tool> or FAIL <tool>: <reason> per check and exits 1 if any failed.
# Needs bash, curl and python3 (for JSON; jq is not required).
set -uo pipefail

if [[ $# -lt 1 || $# -gt 3 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

base="${1%/}"
base="${base%/api}"
base="${base%/}"
api="$base/api"
key="${2:-${FUNCTION_KEY:-}}"
mcp_key="${3:-${MCP_FUNCTIONS_KEY:-}}"

PY=/usr/bin/python3
[[ -x "$PY" ]] || PY="$(command -v python3 || true)"
[[ -n "$PY" ]] || { echo "python3 is required" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The key goes in a header file, not on the command line, so it does not show up in `ps`.
: >"$work/headers"
chmod 600 "$work/headers"
[[ -n "$key" ]] && printf 'x-functions-key: %s\n' "$key" >"$work/headers"
: >"$work/mcp-headers"
chmod 600 "$work/mcp-headers"
[[ -n "$mcp_key" ]] && printf 'x-functions-key: %s\n' "$mcp_key" >"$work/mcp-headers"

# One session for the whole run: later tools read what UploadFileToSession put there.
export SMOKE_SESSION_ID="smoke-$("$PY" -c 'import uuid; print(uuid.uuid4())')"

export SMOKE_LOG='2026-01-01T10:00:00Z INFO service started
2026-01-01T10:00:05Z WARN slow response from payments
2026-01-01T10:00:07Z ERROR connection refused
2026-01-01T10:00:09Z INFO retrying
2026-01-01T10:00:11Z ERROR connection refused
2026-01-01T10:00:15Z ERROR timeout after 30s
2026-01-01T10:00:20Z INFO recovered
'
export SMOKE_ERROR_COUNT=3

export SMOKE_CHART_CODE="import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
plt.bar(['ERROR', 'WARN', 'INFO'], [3, 1, 3])
plt.title('smoke test')
plt.savefig('/mnt/data/smoke_chart.png')
print('ok')"

export SMOKE_PDF_CODE="from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
c = canvas.Canvas('/mnt/data/smoke.pdf', pagesize=A4)
c.drawString(72, 780, 'Code interpreter smoke test')
c.save()"

# The response checks, one function per tool. Each gets the parsed response and returns what the shell
# needs next (an output link) or raises Fail with the reason.
cat >"$work/checks.py" <<'PYTHON'
import json, os, sys

class Fail(Exception):
    pass

def need(condition, reason):
    if not condition:
        raise Fail(reason)

def brief(value):
    return json.dumps(value)[:200]

def succeeded(r):
    need(r.get("status") == "succeeded",
         "status %r: %s" % (r.get("status"), brief(r.get("error") or r.get("stderr"))))

def upload(r):
    need(str(r.get("path", "")).endswith("smoke/app.log"), "no path ending in smoke/app.log: " + brief(r))
    size = len(os.environ["SMOKE_LOG"].encode())
    need(r.get("size", size) == size, "size %r, expected %d" % (r.get("size"), size))

def execute(r):
    succeeded(r)
    need("ok" in (r.get("stdout") or ""), "stdout lacks ok: " + brief(r.get("stdout")))
    urls = [f["url"] for f in r.get("files") or []
            if isinstance(f, dict) and f.get("url") and "smoke_chart" in json.dumps(f)]
    need(urls, "no files entry with a url for smoke_chart.png: " + brief(r.get("files")))
    return urls[0]

def shell(r):
    succeeded(r)
    need(r.get("exitCode") == 0, "exitCode %r" % r.get("exitCode"))
    need((r.get("stdout") or "").strip() == os.environ["SMOKE_ERROR_COUNT"],
         "stdout %s, expected the ERROR count %s" % (brief(r.get("stdout")), os.environ["SMOKE_ERROR_COUNT"]))

def read(r):
    need("ERROR" in (r.get("content") or ""), "content lacks ERROR: " + brief(r.get("content")))

def search(r):
    matches = r.get("matches") or []
    need(matches, "no matches: " + brief(r))
    for m in matches:
        need(all(k in m for k in ("path", "line", "text")), "match without path/line/text: " + brief(m))
    need(any("ERROR" in str(m["text"]) for m in matches), "no match text contains ERROR")

def listing(r):
    names = [f if isinstance(f, str) else str(f.get("path") or f.get("name") or "") for f in r.get("files") or []]
    need(any(n.endswith("smoke/app.log") for n in names), "smoke/app.log not listed: " + brief(names))

def link(r):
    need(r.get("url"), "no url: " + brief(r))
    return r["url"]

def mcp_message(body):
    """The JSON-RPC message of a streamable HTTP answer: JSON, or the data of a text/event-stream event."""
    text = body.strip()
    if text.startswith("{"):
        return json.loads(text)
    for event in text.replace("\r\n", "\n").split("\n\n"):
        data = "\n".join(l[5:].lstrip() for l in event.split("\n") if l.startswith("data:"))
        if '"jsonrpc"' in data:
            return json.loads(data)
    raise Fail("no JSON-RPC message in the answer: " + text[:200])

def mcp_initialized(body):
    message = mcp_message(body)
    need("result" in message, "initialize failed: " + brief(message.get("error")))
    return message["result"].get("protocolVersion", "")

def mcp_execute(body):
    message = mcp_message(body)
    need("result" in message, "tools/call failed: " + brief(message.get("error")))
    texts = [c.get("text", "") for c in message["result"].get("content") or [] if c.get("type") == "text"]
    need(texts, "no text content: " + brief(message["result"]))
    try:
        answer = json.loads(texts[0])
    except ValueError:
        raise Fail("the text content is not the tool's JSON: " + texts[0][:200])
    succeeded(answer)
    need((answer.get("stdout") or "").strip() == os.environ["SMOKE_ERROR_COUNT"],
         "stdout %s, expected the ERROR count %s of the file uploaded over HTTP (same sessionId)"
         % (brief(answer.get("stdout")), os.environ["SMOKE_ERROR_COUNT"]))

def starts_with(path, hex_prefix):
    prefix = bytes.fromhex(hex_prefix)
    with open(path, "rb") as f:
        need(f.read(len(prefix)) == prefix, "does not start with %r" % prefix)

if __name__ == "__main__":
    check, args = sys.argv[1], sys.argv[2:]
    try:
        if check == "starts_with":
            result = starts_with(*args)
        elif check.startswith("mcp_"):
            with open(args[0], encoding="utf-8", errors="replace") as f:
                result = globals()[check](f.read())
        else:
            try:
                with open(args[0], encoding="utf-8") as f:
                    response = json.load(f)
            except ValueError:
                raise Fail("response is not JSON: " + open(args[0], errors="replace").read(200))
            result = globals()[check](response)
    except Fail as e:
        print(e)
        sys.exit(1)
    if result is not None:
        print(result)
PYTHON

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# post <Tool> <python dict expression>: POSTs the dict plus sessionId; the body lands in $work/<Tool>.json
# and the HTTP status (or a curl error) in $status.
post() {
  local tool="$1" body
  body="$(SMOKE_EXPR="$2" "$PY" -c '
import json, os
d = eval(os.environ["SMOKE_EXPR"], {"os": os})
d["sessionId"] = os.environ["SMOKE_SESSION_ID"]
print(json.dumps(d))')"
  if ! status="$(curl -sS -o "$work/$tool.json" -w '%{http_code}' --connect-timeout 20 --max-time 280 \
      -X POST "$api/$tool" -H 'Content-Type: application/json' -H @"$work/headers" \
      --data-binary "$body" 2>"$work/curl.err")"; then
    status="$(head -c 200 "$work/curl.err" | tr '\n' ' ')"
  fi
}

# check <Tool> <check function>: prints the function's result, or the reason it failed (status 1).
check() {
  if [[ "$status" =~ ^[0-9]+$ && "$status" != 200 ]]; then
    echo "HTTP $status: $(head -c 300 "$work/$1.json" 2>/dev/null | tr '\n' ' ')"
    return 1
  elif [[ "$status" != 200 ]]; then
    echo "$status"  # curl's own error: no HTTP response at all
    return 1
  fi
  "$PY" "$work/checks.py" "$2" "$work/$1.json"
}

# fetch <url> <file>: downloads an output link; the function key is sent only to the app itself.
fetch() {
  local headers=()
  if [[ "$1" == "$base/"* ]]; then headers=(-H @"$work/headers"); fi
  curl -sS -f -L --connect-timeout 20 --max-time 120 ${headers[@]+"${headers[@]}"} -o "$2" "$1" 2>&1 | head -c 200
  return "${PIPESTATUS[0]}"
}

# link_serves <Tool> <url> <file> <hex prefix>: the output link downloads and starts with the bytes.
link_serves() {
  local out
  if ! out="$(fetch "$2" "$work/$3")"; then
    fail "$1" "output link did not download: $out"
  elif ! out="$("$PY" "$work/checks.py" starts_with "$work/$3" "$4")"; then
    fail "$1" "output link served the wrong content: $out"
  else
    pass "$1"
  fi
}

post UploadFileToSession 'dict(path="smoke/app.log", content=os.environ["SMOKE_LOG"])'
if out="$(check UploadFileToSession upload)"; then pass UploadFileToSession; else fail UploadFileToSession "$out"; fi

post ExecutePythonCode 'dict(pythonCode=os.environ["SMOKE_CHART_CODE"])'
if out="$(check ExecutePythonCode execute)"; then
  link_serves ExecutePythonCode "$out" chart.png 89504e47  # \x89PNG
else fail ExecutePythonCode "$out"; fi

post RunShellCommand 'dict(command="grep -c ERROR smoke/app.log")'
if out="$(check RunShellCommand shell)"; then pass RunShellCommand; else fail RunShellCommand "$out"; fi

post ReadSessionFile 'dict(path="smoke/app.log")'
if out="$(check ReadSessionFile read)"; then pass ReadSessionFile; else fail ReadSessionFile "$out"; fi

post SearchSessionFiles 'dict(pattern="ERROR", path="smoke")'
if out="$(check SearchSessionFiles search)"; then pass SearchSessionFiles; else fail SearchSessionFiles "$out"; fi

post ListSessionFiles 'dict(recursive=True)'
if out="$(check ListSessionFiles listing)"; then pass ListSessionFiles; else fail ListSessionFiles "$out"; fi

post GetSessionFile 'dict(path="smoke/app.log")'
if out="$(check GetSessionFile link)"; then
  if ! fetched="$(fetch "$out" "$work/app.log")"; then fail GetSessionFile "output link did not download: $fetched"
  elif ! cmp -s "$work/app.log" <(printf '%s' "$SMOKE_LOG"); then fail GetSessionFile "output link served other content than was uploaded"
  else pass GetSessionFile; fi
else fail GetSessionFile "$out"; fi

post GeneratePdfReport 'dict(pythonCode=os.environ["SMOKE_PDF_CODE"], expectedOutputFilename="smoke.pdf", saveAsFilename="smoke_report.pdf")'
if out="$(check GeneratePdfReport link)"; then
  link_serves GeneratePdfReport "$out" report.pdf 25504446  # %PDF
else fail GeneratePdfReport "$out"; fi

# mcp_post <name> <JSON-RPC message>: POSTs it to the MCP endpoint; the body lands in $work/mcp-<name>,
# the response headers in $work/mcp-<name>.headers and the HTTP status (or a curl error) in $status.
mcp_session=""
mcp_version=""
mcp_post() {
  local session_headers=()
  [[ -n "$mcp_session" ]] && session_headers=(-H "Mcp-Session-Id: $mcp_session" -H "MCP-Protocol-Version: $mcp_version")
  if ! status="$(curl -sS -o "$work/mcp-$1" -D "$work/mcp-$1.headers" -w '%{http_code}' --connect-timeout 20 \
      --max-time 280 -X POST "$base/runtime/webhooks/mcp" -H 'Content-Type: application/json' \
      -H 'Accept: application/json, text/event-stream' -H @"$work/mcp-headers" ${session_headers[@]+"${session_headers[@]}"} \
      --data-binary "$2" 2>"$work/curl.err")"; then
    status="$(head -c 200 "$work/curl.err" | tr '\n' ' ')"
  fi
}

# mcp_failure: why the last MCP request failed, or nothing when it got a 2xx answer.
mcp_failure() {
  if [[ "$status" == 401 ]]; then
    echo "HTTP 401: give the mcp_extension system key (third argument or MCP_FUNCTIONS_KEY)"
  elif [[ "$status" =~ ^[0-9]+$ && "$status" != 2* ]]; then
    echo "HTTP $status: $(head -c 300 "$work/mcp-$1" 2>/dev/null | tr '\n' ' ')"
  elif [[ ! "$status" =~ ^[0-9]+$ ]]; then
    echo "$status"
  fi
}

# One tool over MCP, in the same sandbox session: it reads the file UploadFileToSession put there.
mcp_call_code="print(open('smoke/app.log').read().count('ERROR'))"
mcp_post initialize '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"smoke.sh","version":"1"}}}'
if out="$(mcp_failure initialize)" && [[ -n "$out" ]]; then fail mcp:ExecutePythonCode "initialize: $out"
elif ! mcp_version="$("$PY" "$work/checks.py" mcp_initialized "$work/mcp-initialize")"; then fail mcp:ExecutePythonCode "$mcp_version"
else
  mcp_session="$(tr -d '\r' <"$work/mcp-initialize.headers" | sed -n 's/^[Mm][Cc][Pp]-[Ss][Ee][Ss][Ss][Ii][Oo][Nn]-[Ii][Dd]: *//p' | tail -n 1)"
  mcp_post initialized '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  call="$(SMOKE_CODE="$mcp_call_code" "$PY" -c '
import json, os
print(json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "ExecutePythonCode",
    "arguments": {"pythonCode": os.environ["SMOKE_CODE"], "sessionId": os.environ["SMOKE_SESSION_ID"]}}}))')"
  mcp_post call "$call"
  if out="$(mcp_failure call)" && [[ -n "$out" ]]; then fail mcp:ExecutePythonCode "tools/call: $out"
  elif out="$("$PY" "$work/checks.py" mcp_execute "$work/mcp-call")"; then pass mcp:ExecutePythonCode
  else fail mcp:ExecutePythonCode "$out"; fi
  # End the MCP session; a server that keeps none answers 404 or 405, which is fine too.
  [[ -n "$mcp_session" ]] && curl -sS -o /dev/null --max-time 20 -X DELETE "$base/runtime/webhooks/mcp" \
    -H @"$work/mcp-headers" -H "Mcp-Session-Id: $mcp_session" 2>/dev/null
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
