#!/usr/bin/env bash
# Runs Kamailio in the foreground as the e2e suite's SIP WebSocket peer (tests/sip-peer/kamailio.cfg).
# Usage: run.sh <port>. A missing kamailio is an error, never a skip: scripts/run-e2e.ts and
# .ci/run install it (Debian's kamailio and kamailio-websocket-modules).
set -euo pipefail
port="${1:?usage: run.sh <port>}"
here="$(cd "$(dirname "$0")" && pwd)"
command -v kamailio >/dev/null || { echo "sip-peer: kamailio is not installed (apt-get install kamailio kamailio-websocket-modules)" >&2; exit 1; }
[ -f /usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so ] || { echo "sip-peer: kamailio-websocket-modules is not installed" >&2; exit 1; }
run="$(mktemp -d -t switchboard-sip-peer-XXXXXX)"
trap 'rm -rf "$run"' EXIT
export SB_SIP_PEER_PORT="$port"
# -DD: stay in the foreground (Playwright owns the process); -E: log to stderr.
kamailio -DD -E -f "$here/kamailio.cfg" -Y "$run" -w "$run" -m 64 -M 8 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$run"' EXIT INT TERM
wait "$pid"
