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
}
