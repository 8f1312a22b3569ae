# Shared helpers of the project's shell scripts: repo root, env loading, Node 24, dependencies.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

# npm's own warnings (e.g. about a key in the machine's ~/.npmrc it no longer knows) are not for the reader
# of these scripts' output: errors only.
export npm_config_loglevel=error

# .env.example then .env; variables already exported win.
load_env() {
  local f line key
  for f in "$ROOT/.env" "$ROOT/.env.example"; do
    [[ -f $f ]] || continue
    while IFS= read -r line || [[ -n $line ]]; do
      [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
      key=${BASH_REMATCH[1]}
      [[ -n ${!key+x} ]] || export "$key=${BASH_REMATCH[2]}"
    done <"$f"
  done
  [[ $STACK_DIR = /* ]] || STACK_DIR="$ROOT/$STACK_DIR"
  export STACK_DIR
}

# Node 24 first on PATH, dependencies installed exactly from the lock file (only when it changed).
ensure_node_deps() {
  # shellcheck source=bootstrap-node.sh
  source "$ROOT/scripts/bootstrap-node.sh" >/dev/null
  local stamp="$ROOT/node_modules/.modelstream-lock"
  local want
  want="$(node --version) $(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "[deps] npm ci ($(node --version))"
    (cd "$ROOT" && npm_config_nodedir="${MODELSTREAM_NODEDIR:-}" npm ci --no-audit --no-fund --loglevel=error) || return 1
    echo "$want" >"$stamp"
  fi
  ensure_native_tf
}

# Native TensorFlow for TF.js (scripts/tfjs-node.sh; seconds once cached). When TFJS_BACKEND=tensorflow
# requires it (scripts/test.sh, CI) a failure stops here; otherwise the apps fall back to WASM and log why.
ensure_native_tf() {
  bash "$ROOT/scripts/tfjs-node.sh" && return 0
  [[ ${TFJS_BACKEND:-} == tensorflow ]] && { echo "[tfjs-node] TFJS_BACKEND=tensorflow, but the native backend is not available" >&2; return 1; }
  echo "[tfjs-node] the native backend is not available: training and inference fall back to WASM (reason above)" >&2
}

# Debian's Chromium for the browser tests (CHROMIUM_PATH, default /usr/bin/chromium): installed with apt when
# missing (the .debs kept in $STACK_DIR/downloads/apt); nothing to do when it is there. A test tool's own browser
# download does not work here: the tests drive this one with playwright-core.
ensure_chromium() {
  local chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
  [[ -x $chromium ]] && return 0
  if [[ -n ${CHROMIUM_PATH:-} ]]; then echo "[chromium] CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; return 1; fi
  command -v apt-get >/dev/null || { echo "[chromium] $chromium is missing and apt-get is not here: install Chromium, set CHROMIUM_PATH" >&2; return 1; }
  local sudo="" debs="$STACK_DIR/downloads/apt" log="$STACK_DIR/logs/apt-chromium.log"
  [[ $(id -u) = 0 ]] || sudo="sudo"
  mkdir -p "$debs/partial" "$STACK_DIR/logs"
  echo "[chromium] installing Debian's chromium with apt (log: $log)"
  if [[ ! -f $STACK_DIR/.apt-updated ]]; then $sudo apt-get update -qq >"$log" 2>&1 && touch "$STACK_DIR/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends -o Dir::Cache::Archives="$debs" \
    chromium >>"$log" 2>&1 || { tail -n 20 "$log" >&2; echo "[chromium] apt-get install chromium failed: see $log" >&2; return 1; }
  [[ -x $chromium ]] || { echo "[chromium] installed, but $chromium is still missing: see $log" >&2; return 1; }
  echo "[chromium] $("$chromium" --version 2>/dev/null || echo "$chromium")"
}
