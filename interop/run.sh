#!/usr/bin/env bash
# Interop checks of protocol 47 (Minecraft 1.8.x) against independent
# implementations, in one command:
#
#   bash interop/run.sh
#
#   1. our `server` example <-> node-minecraft-protocol's client, compression
#      off (-1), on (256) and with a small threshold (32) so that compressed
#      frames really flow both ways;
#   2. node-minecraft-protocol's server <-> our `status` and `bot` examples;
#   3. mcstatus (Python) <-> our server: status, ping without a status
#      request, legacy ping; values equal what the server was given;
#   4. a corpus of every protocol-47 packet written by node-minecraft-protocol's
#      serializer and decoded by our `inspect` example (interop/corpus.js);
#   5. the registry cross-check against minecraft-data 1.8 (a Rust test).
#
# The peers are installed here from the lock files (interop/package-lock.json
# -> interop/node_modules, interop/requirements.txt -> interop/.venv).
# Servers listen on 127.0.0.1, on ephemeral ports, and are stopped on exit;
# every step has a time limit. With CI=true a missing Node.js or Python is a
# failure; elsewhere the checks that need it are skipped, loudly.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
IOP="$ROOT/interop"
TD="${CARGO_TARGET_DIR:-target}"
case "$TD" in /*) ;; *) TD="$ROOT/$TD" ;; esac
BIN="$TD/release/examples"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mcproto-interop.XXXXXX")"
IN_CI=false
[ "${CI:-}" = "true" ] && IN_CI=true

# ---------------------------------------------------------------- processes
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME LIMIT_SECS CMD...: runs CMD in the background (stdout and stderr
# to $WORK/NAME.out) under a hard time limit; sets LAST_PID.
start() {
  local name=$1 limit=$2
  shift 2
  timeout --kill-after=5 "$limit" "$@" >"$WORK/$name.out" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
# stop PID: TERM, then KILL after 3 s.
stop() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
# wait_for FILE REGEX SECS PID: waits until FILE has a line matching REGEX.
wait_for() {
  local file=$1 re=$2 secs=$3 pid=$4 i
  for i in $(seq 1 $((secs * 10))); do
    grep -Eq -- "$re" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { grep -Eq -- "$re" "$file" 2>/dev/null && return 0; echo "    process exited before printing /$re/:"; sed 's/^/      /' "$file"; return 1; }
    sleep 0.1
  done
  echo "    no /$re/ within $secs s:"
  sed 's/^/      /' "$file"
  return 1
}
# Our server on an ephemeral port; sets SERVER_PID and SERVER_ADDR.
start_server() {
  local name=$1
  shift
  start "$name" 120 "$BIN/server" --bind 127.0.0.1:0 "$@"
  SERVER_PID=$LAST_PID
  wait_for "$WORK/$name.out" '^listening on ' 10 "$SERVER_PID" || return 1
  SERVER_ADDR=$(sed -n 's/^listening on //p' "$WORK/$name.out" | head -n1)
}
show() { sed 's/^/    /' "$1"; }

# ---------------------------------------------------------------- results
RESULTS=()
FAILED=0
PASSED=0
SKIPPED=0
run_check() {
  local name=$1 fn=$2 t0 rc
  echo
  echo "== $name"
  t0=$(date +%s.%N)
  "$fn"
  rc=$?
  local dt
  dt=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  case $rc in
    0) RESULTS+=("PASS  $name (${dt} s)"); PASSED=$((PASSED + 1)) ;;
    77) RESULTS+=("SKIP  $name"); SKIPPED=$((SKIPPED + 1)) ;;
    *) RESULTS+=("FAIL  $name (${dt} s)"); FAILED=$((FAILED + 1)) ;;
  esac
}
missing() { # what: skip (77) outside CI, fail in CI
  if $IN_CI; then
    echo "    FAIL: $1 is required in CI"
    return 1
  fi
  echo "    SKIPPED: $1 not available (this is a failure in CI)"
  return 77
}

# ---------------------------------------------------------------- tools and peers
HAVE_NODE=false
HAVE_PY=false
NODE_MSG="Node.js >= 20 with npm"
PY_MSG="Python >= 3.10 with venv and pip"
if command -v node >/dev/null && command -v npm >/dev/null &&
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  HAVE_NODE=true
fi
if command -v python3 >/dev/null &&
  python3 -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
  HAVE_PY=true
fi

setup() {
  local rc=0 want have
  echo "    cargo build --release --examples"
  if ! timeout 1800 cargo build --release --examples --quiet; then
    echo "    FAIL: build"
    return 1
  fi
  if $HAVE_NODE; then
    want="$(sha256sum "$IOP/package-lock.json" | cut -d' ' -f1) $(node --version)"
    have="$(cat "$IOP/node_modules/.interop-lock" 2>/dev/null || true)"
    if [ "$want" != "$have" ]; then
      echo "    npm ci (node $(node --version), npm $(npm --version 2>/dev/null))"
      if timeout 600 npm ci --prefix "$IOP" --no-audit --no-fund --loglevel=error >"$WORK/npm.out" 2>&1; then
        echo "$want" >"$IOP/node_modules/.interop-lock"
      else
        show "$WORK/npm.out"
        echo "    FAIL: npm ci"
        HAVE_NODE=false
        rc=1
      fi
    else
      echo "    node_modules up to date with package-lock.json"
    fi
    $HAVE_NODE && echo "    peers: minecraft-protocol $(node -p 'require("'"$IOP"'/node_modules/minecraft-protocol/package.json").version'), minecraft-data $(node -p 'require("'"$IOP"'/node_modules/minecraft-data/package.json").version')"
  else
    echo "    $NODE_MSG: not found"
    $IN_CI && rc=1
  fi
  if $HAVE_PY; then
    want="$(sha256sum "$IOP/requirements.txt" | cut -d' ' -f1) $(python3 --version 2>&1)"
    have="$(cat "$IOP/.venv/.interop-lock" 2>/dev/null || true)"
    if [ "$want" != "$have" ]; then
      echo "    python3 -m venv interop/.venv; pip install -r interop/requirements.txt ($(python3 --version 2>&1))"
      rm -rf "$IOP/.venv"
      if timeout 120 python3 -m venv "$IOP/.venv" >"$WORK/venv.out" 2>&1 &&
        timeout 600 "$IOP/.venv/bin/python" -m pip install --disable-pip-version-check -q -r "$IOP/requirements.txt" >>"$WORK/venv.out" 2>&1; then
        echo "$want" >"$IOP/.venv/.interop-lock"
      else
        show "$WORK/venv.out"
        echo "    FAIL: Python environment"
        HAVE_PY=false
        rc=1
      fi
    else
      echo "    .venv up to date with requirements.txt"
    fi
    $HAVE_PY && echo "    peers: mcstatus $("$IOP/.venv/bin/python" -c 'import importlib.metadata as m; print(m.version("mcstatus"))')"
  else
    echo "    $PY_MSG: not found"
    $IN_CI && rc=1
  fi
  return $rc
}

# ---------------------------------------------------------------- the checks
MOTD="mcproto interop §a ünï€ 😀"
MAX_PLAYERS=13

check_nmp_client() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  local c rc=0
  for c in -1 256 32; do
    echo "  -- our server --compression $c <- node-minecraft-protocol client"
    start_server "server$c" --compression "$c" --motd "$MOTD" --max-players "$MAX_PLAYERS" --keepalive-secs 1 || { rc=1; continue; }
    if ! timeout --kill-after=5 40 node "$IOP/nmp-client.js" --port "${SERVER_ADDR##*:}" \
      --motd "$MOTD" --max-players "$MAX_PLAYERS" --stay-ms 3500 >"$WORK/nmp-client$c.out" 2>&1; then
      rc=1
    fi
    show "$WORK/nmp-client$c.out"
    stop "$SERVER_PID"
  done
  return $rc
}

check_nmp_server() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  local nmp_motd="node-minecraft-protocol §b server ✓" rc=0 port
  local to_bot="Hello from node-minecraft-protocol: ünï€😀 $(printf 'long enough to be compressed %.0s' 1 2 3 4 5 6 7 8 9 10)"
  local from_bot="Hello from the mcproto bot: ünï€😀, long enough to pass the threshold"
  start nmp-server 60 node "$IOP/nmp-server.js" --motd "$nmp_motd" --max-players 9 --chat "$to_bot" \
    --compression 64 --keepalive-ms 500 --lifetime-s 50 \
    --expect-user RustBot --expect-chat "$from_bot" --min-keepalives 2
  local npid=$LAST_PID
  wait_for "$WORK/nmp-server.out" '"event":"listening"' 15 "$npid" || return 1
  port=$(sed -n 's/.*"event":"listening","port":\([0-9]*\).*/\1/p' "$WORK/nmp-server.out" | head -n1)

  echo "  -- our status example -> node-minecraft-protocol server (status request, then ping)"
  if timeout --kill-after=5 20 "$BIN/status" "127.0.0.1:$port" --json >"$WORK/status.json" 2>&1; then
    show "$WORK/status.json"
    node -e '
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
      const want = { motd: process.argv[2], max: 9, protocol: 47 }
      const motd = typeof s.description === "string" ? s.description : s.description.text
      const bad = []
      if (motd !== want.motd) bad.push(`motd ${JSON.stringify(motd)}`)
      if (s.players.max !== want.max) bad.push(`max players ${s.players.max}`)
      if (s.version.protocol !== want.protocol) bad.push(`protocol ${s.version.protocol}`)
      if (typeof s.latency_ms !== "number") bad.push("no ping latency")
      if (bad.length) { console.log("    FAIL status: " + bad.join(", ")); process.exit(1) }
      console.log(`  ok  status: motd, max players, protocol 47, ping ${s.latency_ms.toFixed(1)} ms`)
    ' "$WORK/status.json" "$nmp_motd" || rc=1
  else
    show "$WORK/status.json"
    rc=1
  fi

  echo "  -- our bot -> node-minecraft-protocol server (compression 64, keep-alive every 0.5 s)"
  if ! timeout --kill-after=5 30 "$BIN/bot" "127.0.0.1:$port" --username RustBot --chat "$from_bot" \
    --seconds 3 --protocol 47 >"$WORK/bot.out" 2>&1; then
    echo "    FAIL: the bot did not reach play and leave cleanly"
    rc=1
  fi
  show "$WORK/bot.out"
  if grep -Fxq -- "[chat] $to_bot" "$WORK/bot.out"; then
    echo "  ok  the bot printed the server's chat message"
  else
    echo "    FAIL: the bot did not print the server's chat message"
    rc=1
  fi
  # The server judges the rest (login, keep-alives, chat) when the bot leaves.
  local i
  for i in $(seq 1 100); do kill -0 "$npid" 2>/dev/null || break; sleep 0.1; done
  grep -v '^{' "$WORK/nmp-server.out" | sed 's/^/  /'
  if kill -0 "$npid" 2>/dev/null; then
    echo "    FAIL: the node-minecraft-protocol server gave no verdict"
    stop "$npid"
    return 1
  fi
  wait "$npid" || rc=1
  return $rc
}

check_mcstatus() {
  $HAVE_PY || { missing "$PY_MSG"; return; }
  local rc=0 py="$IOP/.venv/bin/python" bpid
  # The version our server reports to a protocol-47 client: the newest
  # name of ProtocolVersion::V47.
  # No § in this MOTD: mcstatus reads § as a formatting code, and the
  # legacy ping's format cannot carry it (it is the field separator).
  local motd="mcproto interop ünï€ 😀 for mcstatus"
  local common=(--motd "$motd" --max-players "$MAX_PLAYERS" --version-name 1.8.9 --protocol 47)
  start_server mcstatus-server --compression 256 --motd "$motd" --max-players "$MAX_PLAYERS" || return 1
  local port=${SERVER_ADDR##*:}
  echo "  -- mcstatus -> our server, nobody online"
  timeout --kill-after=5 30 "$py" "$IOP/mcstatus_check.py" --port "$port" --online 0 "${common[@]}" >"$WORK/mcstatus0.out" 2>&1 || rc=1
  show "$WORK/mcstatus0.out"
  echo "  -- mcstatus -> our server, with our bot online"
  start watcher 30 "$BIN/bot" "$SERVER_ADDR" --username Watcher --seconds 8 --protocol 47
  bpid=$LAST_PID
  if wait_for "$WORK/watcher.out" '^joined as Watcher' 10 "$bpid"; then
    timeout --kill-after=5 30 "$py" "$IOP/mcstatus_check.py" --port "$port" --online 1 --sample Watcher "${common[@]}" >"$WORK/mcstatus1.out" 2>&1 || rc=1
    show "$WORK/mcstatus1.out"
    wait "$bpid" || { echo "    FAIL: the bot did not leave cleanly"; show "$WORK/watcher.out"; rc=1; }
  else
    rc=1
  fi
  stop "$SERVER_PID"
  return $rc
}

check_corpus() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  timeout --kill-after=5 300 node "$IOP/corpus.js" --inspect "$BIN/inspect"
}

check_registry() {
  if [ ! -f "$ROOT/../shared/spec/minecraft-data/1.8/protocol.json" ]; then
    missing "../shared/spec (the minecraft-data 1.8 copy beside the repository)"
    return
  fi
  # The same flags as the README's test command, so CI reuses its build.
  timeout --kill-after=5 1800 cargo test --workspace --all-features --test minecraft_data 2>&1 | sed 's/^/    /'
  return "${PIPESTATUS[0]}"
}

T0=$(date +%s)
run_check "setup: build the examples, install the peers" setup
if [ -x "$BIN/server" ] && [ -x "$BIN/bot" ] && [ -x "$BIN/status" ] && [ -x "$BIN/inspect" ]; then
  run_check "1. our server <-> node-minecraft-protocol client (compression -1, 256, 32)" check_nmp_client
  run_check "2. node-minecraft-protocol server <-> our status and bot" check_nmp_server
  run_check "3. mcstatus <-> our server" check_mcstatus
  run_check "4. corpus: every protocol-47 packet from node-minecraft-protocol's serializer" check_corpus
fi
run_check "5. registry cross-check against minecraft-data 1.8" check_registry

echo
echo "== interop summary ($(($(date +%s) - T0)) s)"
for r in "${RESULTS[@]}"; do echo "  $r"; done
echo "interop: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
