#!/usr/bin/env bash
# Interop checks of every supported release protocol (47, 107-340: Minecraft
# 1.8.x to 1.12.2) against independent implementations, in one command:
#
#   bash interop/run.sh
#
#   1. our `server` example <- node-minecraft-protocol's client, every
#      version, compression off (-1) and on (256), and for 47 also a small
#      threshold (32) so that compressed frames really flow both ways:
#      status, login, the welcome line, keep-alives answered, chat echoed;
#   2. node-minecraft-protocol's server <-> our `status` and `bot` examples,
#      every version;
#   3. mcstatus (Python) <-> our server (47): status, ping without a status
#      request, legacy ping; values equal what the server was given;
#   4. mineflayer <-> our server, every version: the bot spawns on the flat
#      world, reads its chunks (grass, dirt, bedrock under it), walks a few
#      blocks with its own physics and stays on the ground, chat echoed;
#   5. a corpus of every packet written by node-minecraft-protocol's
#      serializer, every version, decoded by our `inspect` example and
#      compared field by field (interop/corpus.js);
#   6. our `proxy` example in front of two of our servers (BungeeCord
#      forwarding, compression 64 behind, 256 in front): node-minecraft-
#      protocol's client and mineflayer, 47 and 340, log in, chat, move to
#      the other backend and back; each backend names the player's address
#      and offline UUID; a backend refuses a direct connection;
#   7. the registry cross-check against minecraft-data (a Rust test);
#   8. a differential check, every version: seeded mutants of check 5's
#      instances (bytes flipped, inserted or deleted, truncations, length
#      prefixes off by 1 and 16, counts and fields changed, VarInts in too
#      many bytes, other packet ids) read by node-minecraft-protocol's
#      parser and by `inspect`; every disagreement must fall in a named
#      class, with the reason vanilla gives, of interop/differential.js's
#      table, and `inspect` must never crash. Counts per class and version.
#
# 108 (1.9.1): minecraft-data has no 1.9.1 protocol of its own (its 1.9.1 is
# 1.9's), so the peers speak 1.9.2's (109, wire-identical to 108) while the
# Handshake announces 108. 54 (15w32c) is a snapshot no peer speaks.
#
# The peers are installed here from the lock files (interop/package-lock.json
# -> interop/node_modules, interop/requirements.txt -> interop/.venv).
# Servers listen on 127.0.0.1, on ephemeral ports; clients connect from
# loopback addresses; everything started is stopped on exit; every step has
# a time limit; the versions of a check run in parallel (at most $JOBS at
# once, 4 by default). INTEROP_ONLY="1 5" runs only those checks. With CI=true a missing Node.js or Python is a
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
JOBS="${JOBS:-4}"

# Every supported release protocol and the game version the peers speak it
# as (minecraft-data's name).
VERSIONS=(47:1.8.8 107:1.9 108:1.9.2 109:1.9.2 110:1.9.4 210:1.10.2 315:1.11 316:1.11.2 335:1.12 338:1.12.1 340:1.12.2)
PROTOCOLS=()
for v in "${VERSIONS[@]}"; do PROTOCOLS+=("${v%%:*}"); done
game_version() { # PROTOCOL -> minecraft-data version name
  local v
  for v in "${VERSIONS[@]}"; do [ "${v%%:*}" = "$1" ] && { echo "${v#*:}"; return; }; done
}
# Extra arguments for a peer speaking PROTOCOL: 108 is announced over 1.9.2.
as_protocol() { [ "$1" = 108 ] && echo "--as-protocol 108"; }

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
# stop PID: TERM, then KILL after 3 s; then forgotten, so that the exit
# cleanup does not signal a process id the system may have reused.
stop() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$1" 2>/dev/null && kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  forget "$1"
}
# forget PID: a process that has ended (and been waited for).
forget() {
  local p keep=()
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
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
  start "$name" 180 "$BIN/server" --bind 127.0.0.1:0 "$@"
  SERVER_PID=$LAST_PID
  wait_for "$WORK/$name.out" '^listening on ' 10 "$SERVER_PID" || return 1
  SERVER_ADDR=$(sed -n 's/^listening on //p' "$WORK/$name.out" | head -n1)
}
show() { sed 's/^/    /' "$1"; }
# spawn_args X Z: the server's --spawn X,Z.
spawn_args() { echo "--spawn" "$1,$2"; }

# in_parallel FN ARG...: runs `FN ARG` for each ARG, at most $JOBS at once,
# each in a subshell with its output in $WORK/FN.ARG.out; then prints the
# outputs in ARG order and records each ARG's verdict for the coverage
# table (under the name in $MATRIX_COLUMN). Fails if any failed.
in_parallel() {
  local fn=$1 arg pid rc=0 running=() mine=()
  shift
  for arg in "$@"; do
    while [ "${#running[@]}" -ge "$JOBS" ]; do
      wait -n "${running[@]}" 2>/dev/null
      local still=()
      for pid in "${running[@]}"; do kill -0 "$pid" 2>/dev/null && still+=("$pid"); done
      running=("${still[@]}")
    done
    (
      # The job's own processes, stopped when it ends.
      PIDS=()
      trap 'for p in "${PIDS[@]}"; do stop "$p"; done' EXIT
      trap 'exit 143' TERM INT
      "$fn" "$arg"
    ) >"$WORK/$fn.$arg.out" 2>&1 &
    running+=("$!")
    mine+=("$!")
    PIDS+=("$!")
  done
  for pid in "${running[@]}"; do wait "$pid" 2>/dev/null; done
  # Every job has ended: the exit cleanup must not signal their (reusable)
  # process ids.
  local keep=()
  for pid in "${PIDS[@]}"; do [[ " ${mine[*]} " == *" $pid "* ]] || keep+=("$pid"); done
  PIDS=("${keep[@]}")
  for arg in "$@"; do
    grep -Ev '^JOB (PASS|FAIL) ' "$WORK/$fn.$arg.out" | sed 's/^/    /'
  done
  local line
  for arg in "$@"; do
    line=$(grep -E '^JOB (PASS|FAIL) ' "$WORK/$fn.$arg.out" | tail -n1)
    if [ -z "$line" ]; then
      echo "    FAIL: $fn $arg gave no verdict"
      rc=1
      continue
    fi
    local _job verdict key
    read -r _job verdict key <<<"$line"
    matrix "$key" "$verdict"
    [ "$verdict" = PASS ] || rc=1
  done
  return $rc
}
# A job's last line, read by in_parallel: its verdict for a protocol
# (verdict RC PROTOCOL).
verdict() {
  if [ "$1" -eq 0 ]; then echo "JOB PASS $2"; else echo "JOB FAIL $2"; fi
  return "$1"
}

# ---------------------------------------------------------------- results
RESULTS=()
FAILED=0
PASSED=0
SKIPPED=0
MATRIX_COLUMN=""
MATRIX_COLUMNS=()
declare -A MATRIX=()
# matrix PROTOCOL PASS|FAIL: one cell of the coverage table (a FAIL stays).
matrix() {
  [ "${MATRIX["$MATRIX_COLUMN/$1"]:-}" = FAIL ] && return
  MATRIX["$MATRIX_COLUMN/$1"]=$2
}
run_check() {
  local name=$1 fn=$2 t0 rc
  # INTEROP_ONLY="1 5": only these numbered checks (the setup always runs).
  if [ -n "${INTEROP_ONLY:-}" ] && [[ $name =~ ^([0-9]+)\. ]] && [[ " $INTEROP_ONLY " != *" ${BASH_REMATCH[1]} "* ]]; then
    return
  fi
  echo
  echo "== $name"
  MATRIX_COLUMN=$3
  [ -n "$3" ] && MATRIX_COLUMNS+=("$3")
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
    $HAVE_NODE && echo "    peers: $(cd "$IOP" && node -p '["minecraft-protocol", "minecraft-data", "mineflayer"].map((p) => p + " " + require(p + "/package.json").version).join(", ")')"
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
# One of our servers per compression threshold, shared by every version's
# client (each waits for its own name's echo): sessions of all versions at
# once, as a real server has them.
declare -A NMP_PORT=()

# One version's clients against the servers of check 1.
nmp_client_job() {
  local p=$1 c rc=0 name
  local thresholds=(-1 256)
  [ "$p" = 47 ] && thresholds+=(32)
  for c in "${thresholds[@]}"; do
    name="Nmp${p}c${c#-}"
    echo "-- $p ($(game_version "$p")): our server --compression $c <- node-minecraft-protocol client"
    # shellcheck disable=SC2046
    timeout --kill-after=5 40 node "$IOP/nmp-client.js" --port "${NMP_PORT[$c]}" --version "$(game_version "$p")" --protocol "$p" $(as_protocol "$p") \
      --motd "$MOTD" --max-players "$MAX_PLAYERS" --compression "$c" --username "$name" --stay-ms 3500 || rc=1
  done
  verdict $rc "$p"
}
check_nmp_client() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  local c rc=0 pids=()
  for c in -1 256 32; do
    start_server "server$c" --compression "$c" --motd "$MOTD" --max-players "$MAX_PLAYERS" --keepalive-secs 1 || return 1
    NMP_PORT[$c]=${SERVER_ADDR##*:}
    pids+=("$SERVER_PID")
  done
  in_parallel nmp_client_job "${PROTOCOLS[@]}" || rc=1
  for c in "${pids[@]}"; do stop "$c"; done
  return $rc
}

# One version: a node-minecraft-protocol server of that version, our
# status example, then our bot.
nmp_server_job() {
  local p=$1 v rc=0 port accept=()
  v=$(game_version "$p")
  [ "$p" = 108 ] && accept=(--accept-protocol 108)
  local nmp_motd="node-minecraft-protocol $v §b server ✓"
  local to_bot="Hello from node-minecraft-protocol $v: ünï€😀 $(printf 'long enough to be compressed %.0s' 1 2 3 4 5 6 7 8 9 10)"
  local from_bot="Hello from the mcproto bot ($p): ünï€😀, long enough"
  start "nmp-server$p" 60 node "$IOP/nmp-server.js" --version "$v" "${accept[@]}" --motd "$nmp_motd" --max-players 9 --chat "$to_bot" \
    --compression 64 --keepalive-ms 500 --lifetime-s 50 \
    --expect-user RustBot --expect-chat "$from_bot" --min-keepalives 2
  local npid=$LAST_PID
  wait_for "$WORK/nmp-server$p.out" '"event":"listening"' 20 "$npid" || { verdict 1 "$p"; return; }
  port=$(sed -n 's/.*"event":"listening","port":\([0-9]*\).*/\1/p' "$WORK/nmp-server$p.out" | head -n1)
  local data_protocol
  data_protocol=$(cd "$IOP" && node -p "require('minecraft-data')('$v').version.version")

  echo "-- $p ($v): our status example -> node-minecraft-protocol server (status request, then ping)"
  if timeout --kill-after=5 20 "$BIN/status" "127.0.0.1:$port" --json >"$WORK/status$p.json" 2>&1; then
    node -e '
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
      const want = { motd: process.argv[2], max: 9, protocol: Number(process.argv[3]) }
      const motd = typeof s.description === "string" ? s.description : s.description.text
      const bad = []
      if (motd !== want.motd) bad.push(`motd ${JSON.stringify(motd)}`)
      if (s.players.max !== want.max) bad.push(`max players ${s.players.max}`)
      if (s.version.protocol !== want.protocol) bad.push(`protocol ${s.version.protocol}, expected ${want.protocol}`)
      if (typeof s.latency_ms !== "number") bad.push("no ping latency")
      if (bad.length) { console.log("    FAIL status: " + bad.join(", ")); process.exit(1) }
      console.log(`  ok  status: motd, max players, protocol ${s.version.protocol} (${s.version.name}), ping ${s.latency_ms.toFixed(1)} ms`)
    ' "$WORK/status$p.json" "$nmp_motd" "$data_protocol" || { show "$WORK/status$p.json"; rc=1; }
  else
    show "$WORK/status$p.json"
    rc=1
  fi

  echo "-- $p ($v): our bot --protocol $p -> node-minecraft-protocol server (compression 64, keep-alive every 0.5 s)"
  if ! timeout --kill-after=5 30 "$BIN/bot" "127.0.0.1:$port" --username RustBot --chat "$from_bot" \
    --seconds 3 --protocol "$p" >"$WORK/bot$p.out" 2>&1; then
    echo "    FAIL: the bot did not reach play and leave cleanly"
    rc=1
  fi
  show "$WORK/bot$p.out"
  # The bot names the version after its number: "with protocol 47 (1.8–1.8.9)".
  if grep -Fq -- "joined as RustBot ($(cd "$IOP" && node -p 'require("./common").offlineUuid("RustBot")')) with protocol $p " "$WORK/bot$p.out"; then
    echo "  ok  the bot joined with protocol $p and the offline UUID"
  else
    echo "    FAIL: the bot did not report joining with protocol $p and the offline UUID"
    rc=1
  fi
  if grep -Fxq -- "[chat] $to_bot" "$WORK/bot$p.out"; then
    echo "  ok  the bot printed the server's chat message"
  else
    echo "    FAIL: the bot did not print the server's chat message"
    rc=1
  fi
  # The server judges the rest (login, keep-alives, chat) when the bot leaves.
  local i
  for i in $(seq 1 100); do kill -0 "$npid" 2>/dev/null || break; sleep 0.1; done
  grep -v '^{' "$WORK/nmp-server$p.out"
  if kill -0 "$npid" 2>/dev/null; then
    echo "    FAIL: the node-minecraft-protocol server gave no verdict"
    stop "$npid"
    rc=1
  else
    wait "$npid" || rc=1
    forget "$npid"
  fi
  verdict $rc "$p"
}
check_nmp_server() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  in_parallel nmp_server_job "${PROTOCOLS[@]}"
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
    forget "$bpid"
  else
    rc=1
  fi
  stop "$SERVER_PID"
  matrix 47 "$([ $rc -eq 0 ] && echo PASS || echo FAIL)"
  return $rc
}

MINEFLAYER_PORT=""
mineflayer_job() {
  local p=$1 rc=0
  echo "-- $p ($(game_version "$p")): mineflayer -> our server (compression 256)"
  # shellcheck disable=SC2046
  timeout --kill-after=5 60 node "$IOP/mineflayer-bot.js" --port "$MINEFLAYER_PORT" --version "$(game_version "$p")" $(as_protocol "$p") \
    --username "Flayer$p" --spawn-x -7.5 --spawn-z 12.5 || rc=1
  verdict $rc "$p"
}
check_mineflayer() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  local rc=0
  # A spawn away from the origin and in a negative chunk, so that chunk
  # coordinates are read, not assumed.
  # shellcheck disable=SC2046
  start_server mineflayer-server --compression 256 --keepalive-secs 1 $(spawn_args -7.5 12.5) || return 1
  MINEFLAYER_PORT=${SERVER_ADDR##*:}
  in_parallel mineflayer_job "${PROTOCOLS[@]}" || rc=1
  stop "$SERVER_PID"
  return $rc
}

corpus_job() {
  local p=$1 v note=()
  v=$(game_version "$p")
  [ "$p" = 108 ] && note=(--md-note "minecraft-data has no 1.9.1 protocol of its own, its 1.9.1 is 1.9's; 109 is wire-identical to 108")
  echo "-- $p: minecraft-data $v through node-minecraft-protocol's serializer -> inspect --protocol $p"
  # 47 and 340 print the whole report, the others what is particular to them.
  local quiet=(--quiet)
  case $p in 47 | 340) quiet=() ;; esac
  timeout --kill-after=5 300 node "$IOP/corpus.js" --inspect "$BIN/inspect" --version "$v" --protocol "$p" "${note[@]}" "${quiet[@]}"
  verdict $? "$p"
}
check_corpus() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  # Two at a time: each keeps a core busy (the serializer, then inspect).
  local rc=0
  JOBS=2 in_parallel corpus_job "${PROTOCOLS[@]}" || rc=1
  echo "  -- per version:"
  cat "$WORK"/corpus_job.*.out | grep '^corpus [0-9]' | sort -n -k2 | sed 's/^/    /'
  return $rc
}

differential_job() {
  local p=$1 v note=()
  v=$(game_version "$p")
  [ "$p" = 108 ] && note=(--md-note "minecraft-data has no 1.9.1 protocol of its own, its 1.9.1 is 1.9's; 109 is wire-identical to 108")
  echo "-- $p: mutants of the corpus -> node-minecraft-protocol's parser ($v) and inspect --protocol $p"
  # 47 and 340 print the classes they met, the others only their totals.
  local quiet=(--quiet)
  case $p in 47 | 340) quiet=() ;; esac
  timeout --kill-after=5 300 node "$IOP/differential.js" --inspect "$BIN/inspect" --version "$v" --protocol "$p" \
    --counts "$WORK/differential-counts.$p" "${note[@]}" "${quiet[@]}"
  verdict $? "$p"
}
check_differential() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  # Two at a time, as the corpus: each keeps a core busy.
  local rc=0
  JOBS=2 in_parallel differential_job "${PROTOCOLS[@]}" || rc=1
  echo "  -- disagreements per class and version, and the totals:"
  node "$IOP/differential.js" --summary "$WORK"/differential-counts.* | sed 's/^/    /'
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  return $rc
}

# Two backends behind the proxy.
PROXY_PORT=""
declare -A BACKEND_PORT=()
readonly REFUSAL_NO_FORWARDING="This server only accepts players through its proxy (no forwarded player information)."
readonly REFUSAL_UNTRUSTED="This server only accepts players through its proxy."
# Each client leaves from its own loopback address: the backends (which see
# the proxy's 127.0.0.1) can only name it if the proxy forwarded it.
proxy_job() {
  local rc=0 kind=${1%%-*} p=${1#*-} v from
  v=$(game_version "$p")
  case $1 in nmp-47) from=127.0.0.2 ;; nmp-340) from=127.0.0.3 ;; mineflayer-47) from=127.0.0.4 ;; *) from=127.0.0.5 ;; esac
  local spawns="lobby=0.5,games=1000.5"
  if [ "$kind" = nmp ]; then
    echo "-- $p ($v): node-minecraft-protocol client from $from -> proxy -> lobby, games, lobby"
    timeout --kill-after=5 60 node "$IOP/nmp-client.js" --port "$PROXY_PORT" --version "$v" --protocol "$p" --from "$from" \
      --motd "The interop network" --compression 256 --network lobby,games --spawns "$spawns" --username "NetNmp$p" || rc=1
  else
    echo "-- $p ($v): mineflayer from $from -> proxy -> lobby, games, lobby"
    timeout --kill-after=5 60 node "$IOP/mineflayer-bot.js" --port "$PROXY_PORT" --version "$v" --from "$from" \
      --network lobby,games --spawns "$spawns" --username "NetFlayer$p" || rc=1
  fi
  verdict $rc "$p"
}
check_proxy() {
  $HAVE_NODE || { missing "$NODE_MSG"; return; }
  local rc=0 b pids=() addrs=()
  for b in lobby:0.5 games:1000.5; do
    # shellcheck disable=SC2046
    start_server "backend-${b%%:*}" --name "${b%%:*}" --motd "The ${b%%:*} server" $(spawn_args "${b#*:}" 0.5) \
      --forwarding bungeecord --trusted 127.0.0.1/32 --compression 64 --keepalive-secs 1 || return 1
    BACKEND_PORT[${b%%:*}]=${SERVER_ADDR##*:}
    pids+=("$SERVER_PID")
  done
  cat >"$WORK/proxy.toml" <<EOF
bind = "127.0.0.1:0"
default = "lobby"
forwarding = "bungeecord"
compression = 256
motd = "The interop network"
[servers]
lobby = "127.0.0.1:${BACKEND_PORT[lobby]}"
games = "127.0.0.1:${BACKEND_PORT[games]}"
EOF
  sed 's/^/    proxy.toml: /' "$WORK/proxy.toml"
  start proxy 180 "$BIN/proxy" --config "$WORK/proxy.toml"
  local ppid=$LAST_PID
  pids+=("$ppid")
  if wait_for "$WORK/proxy.out" '^network proxy on ' 10 "$ppid"; then
    PROXY_PORT=$(sed -n 's/^network proxy on .*://p' "$WORK/proxy.out" | head -n1)
    in_parallel proxy_job nmp-47 nmp-340 mineflayer-47 mineflayer-340 || rc=1
  else
    rc=1
  fi
  echo "  -- a direct connection to a backend, bypassing the proxy, is refused"
  {
    timeout --kill-after=5 30 node "$IOP/nmp-client.js" --port "${BACKEND_PORT[lobby]}" --version 1.12.2 --protocol 340 \
      --motd "The lobby server" --username Sneaky --expect-kick "$REFUSAL_NO_FORWARDING" &&
      timeout --kill-after=5 30 node "$IOP/mineflayer-bot.js" --port "${BACKEND_PORT[games]}" --version 1.8.8 \
        --username Sneaky --expect-kick "$REFUSAL_NO_FORWARDING" &&
      # From an address outside the trusted range: refused before the
      # forwarding is even read.
      timeout --kill-after=5 30 node "$IOP/nmp-client.js" --port "${BACKEND_PORT[games]}" --version 1.8.8 --protocol 47 \
        --motd "The games server" --username Sneaky --from 127.0.0.9 --expect-kick "$REFUSAL_UNTRUSTED"
  } | sed 's/^/  /'
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  for b in "${pids[@]}"; do stop "$b"; done
  # The backends' own logs: their sockets' peer is the proxy (127.0.0.1),
  # while the welcome lines above name each client's forwarded address.
  for b in lobby games; do
    grep -h 'joined\|refused' "$WORK/backend-$b.out" | sed 's/\x1b\[[0-9;]*m//g; s/^[^ ]* *//' | sed "s/^/    $b log: /" | head -n 12
  done
  return $rc
}

check_registry() {
  if [ ! -f "$ROOT/../shared/spec/minecraft-data/1.8/protocol.json" ]; then
    missing "../shared/spec (the minecraft-data copy beside the repository)"
    return
  fi
  # The same flags as the README's test command, so CI reuses its build.
  timeout --kill-after=5 1800 cargo test --workspace --all-features --test minecraft_data 2>&1 | sed 's/^/    /'
  return "${PIPESTATUS[0]}"
}

T0=$(date +%s)
run_check "setup: build the examples, install the peers" setup ""
if [ -x "$BIN/server" ] && [ -x "$BIN/bot" ] && [ -x "$BIN/status" ] && [ -x "$BIN/inspect" ] && [ -x "$BIN/proxy" ]; then
  run_check "1. our server <- node-minecraft-protocol client (compression -1, 256; 32 for 47)" check_nmp_client "nmp client"
  run_check "2. node-minecraft-protocol server <-> our status and bot" check_nmp_server "nmp server"
  run_check "3. mcstatus <-> our server (47)" check_mcstatus "mcstatus"
  run_check "4. mineflayer <-> our server: spawn, walk, chat" check_mineflayer "mineflayer"
  run_check "5. corpus: every packet from node-minecraft-protocol's serializer" check_corpus "corpus"
  run_check "6. our proxy in front of two of our servers (BungeeCord forwarding)" check_proxy "proxy"
fi
run_check "7. registry cross-check against minecraft-data (Rust)" check_registry ""
if [ -x "$BIN/inspect" ]; then
  run_check "8. differential: mutants of the corpus, node-minecraft-protocol's parser against ours" check_differential "differential"
fi

echo
echo "== coverage: protocol x check (PASS, FAIL, or - not run)"
header=$(printf '%-9s' protocol)
for col in "${MATRIX_COLUMNS[@]}"; do header+=$(printf ' | %-10s' "$col"); done
echo "  $header"
for p in "${PROTOCOLS[@]}"; do
  row=$(printf '%-9s' "$p")
  for col in "${MATRIX_COLUMNS[@]}"; do row+=$(printf ' | %-10s' "${MATRIX["$col/$p"]:--}"); done
  echo "  $row"
done
echo "  (108 is run with 1.9.2's data announcing 108; 54, 15w32c, has no peer)"

echo
echo "== interop summary ($(($(date +%s) - T0)) s)"
for r in "${RESULTS[@]}"; do echo "  $r"; done
echo "interop: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
