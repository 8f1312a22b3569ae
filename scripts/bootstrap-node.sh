#!/usr/bin/env bash
# Provide Node 24 LTS where the machine's node is older (or missing), from the npm registry only.
#
#   source scripts/bootstrap-node.sh     # puts Node 24 (+ npm) first on PATH in this shell
#   scripts/bootstrap-node.sh            # installs if needed and prints the PATH export line
#
# Node comes from the registry package node-linux-<arch>@$NODE_BOOTSTRAP_VERSION (bin/node +
# include/node headers), npm from the npm@$NPM_BOOTSTRAP_VERSION package; both go into
# $STACK_DIR/node. MODELSTREAM_NODEDIR names that folder: `npm ci` (scripts/lib.sh) passes it to
# native builds (node-gyp) as npm_config_nodedir, so nothing is downloaded from nodejs.org. It is not
# exported as npm_config_nodedir itself: npm 11 would warn about an unknown config on every command.
# Idempotent: a second run does nothing.

__msb_node() {
  local want_major=24
  local node_version="${NODE_BOOTSTRAP_VERSION:-24.21.0}"
  local npm_version="${NPM_BOOTSTRAP_VERSION:-11}"
  local root stack_dir
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

  stack_dir="${STACK_DIR:-}"
  if [[ -z $stack_dir ]]; then
    local f line
    for f in "$root/.env" "$root/.env.example"; do
      [[ -f $f ]] || continue
      line=$(grep -E '^[[:space:]]*STACK_DIR=' "$f" | tail -n 1) || true
      [[ -n $line ]] && { stack_dir=${line#*=}; break; }
    done
  fi
  stack_dir=${stack_dir:-.stack}
  [[ $stack_dir = /* ]] || stack_dir="$root/$stack_dir"
  local dir="$stack_dir/node"

  # 1. a system node that is new enough: use it as is
  local cur major
  if [[ ! -x $dir/bin/node ]] && cur=$(node --version 2>/dev/null); then
    major=${cur#v}; major=${major%%.*}
    if ((major >= want_major)); then
      echo "[bootstrap-node] system node $cur is recent enough" >&2
      return 0
    fi
  fi

  # 2. install node-linux-<arch> into $STACK_DIR/node (once)
  local arch
  case $(uname -m) in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "[bootstrap-node] unsupported arch $(uname -m)" >&2; return 1 ;;
  esac
  local have=""
  [[ -x $dir/bin/node ]] && have=$("$dir/bin/node" --version 2>/dev/null)
  if [[ $have != "v$node_version" ]]; then
    echo "[bootstrap-node] installing node v$node_version (npm package node-linux-$arch) into $dir" >&2
    local tmp; tmp=$(mktemp -d) || return 1
    __msb_fetch "node-linux-$arch" "$node_version" "$tmp" || { rm -rf "$tmp"; return 1; }
    rm -rf "$dir.new" && mkdir -p "$dir.new" &&
      tar xzf "$tmp"/*.tgz -C "$dir.new" --strip-components=1 &&
      "$dir.new/bin/node" --version >/dev/null || { rm -rf "$tmp" "$dir.new"; echo "[bootstrap-node] node install failed" >&2; return 1; }
    rm -rf "$tmp"
    # keep an npm installed earlier
    [[ -d $dir/lib/node_modules/npm ]] && mkdir -p "$dir.new/lib/node_modules" && mv "$dir/lib/node_modules/npm" "$dir.new/lib/node_modules/"
    rm -rf "$dir" && mv "$dir.new" "$dir" || return 1
  fi

  # 3. npm inside the same prefix (the node package carries none), run by this node
  if [[ ! -f $dir/lib/node_modules/npm/bin/npm-cli.js ]]; then
    echo "[bootstrap-node] installing npm@$npm_version into $dir" >&2
    local tmp; tmp=$(mktemp -d) || return 1
    __msb_fetch npm "$npm_version" "$tmp" || { rm -rf "$tmp"; return 1; }
    mkdir -p "$dir/lib/node_modules/npm" &&
      tar xzf "$tmp"/*.tgz -C "$dir/lib/node_modules/npm" --strip-components=1 || { rm -rf "$tmp"; return 1; }
    rm -rf "$tmp"
  fi
  ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
  ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"

  case ":$PATH:" in *":$dir/bin:"*) ;; *) export PATH="$dir/bin:$PATH" ;; esac
  # native addons (node-gyp) build against the package's headers, no download from nodejs.org
  export MODELSTREAM_NODEDIR="$dir"
  hash -r 2>/dev/null || true
  echo "[bootstrap-node] node $("$dir/bin/node" --version), npm $("$dir/bin/node" "$dir/bin/npm" --version) from $dir/bin" >&2
  __MSB_EXPORT="export PATH=\"$dir/bin:\$PATH\" MODELSTREAM_NODEDIR=\"$dir\""
}

# __msb_fetch PACKAGE VERSION DEST_DIR: a registry tarball, with npm if present, else plain HTTPS
__msb_fetch() {
  local pkg=$1 ver=$2 dest=$3
  if command -v npm >/dev/null 2>&1 && (cd "$dest" && npm pack --silent "$pkg@$ver" >/dev/null 2>&1); then
    return 0
  fi
  local reg="${npm_config_registry:-https://registry.npmjs.org}"; reg=${reg%/}
  local exact=$ver
  if [[ ! $ver =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    exact=$(curl -fsSL "$reg/$pkg/$ver" | sed -n 's/^{"name":"[^"]*","version":"\([^"]*\)".*/\1/p')
    [[ -n $exact ]] || { echo "[bootstrap-node] cannot resolve $pkg@$ver" >&2; return 1; }
  fi
  curl -fsSL -o "$dest/$pkg-$exact.tgz" "$reg/$pkg/-/$pkg-$exact.tgz" ||
    { echo "[bootstrap-node] download of $pkg@$exact failed" >&2; return 1; }
}

__MSB_EXPORT=""
if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
  # sourced: change this shell's PATH, never exit it
  __msb_node
  __msb_rc=$?
  unset -f __msb_node __msb_fetch
  unset __MSB_EXPORT
  return $__msb_rc 2>/dev/null || true
else
  set -euo pipefail
  __msb_node
  [[ -n $__MSB_EXPORT ]] && echo "$__MSB_EXPORT"
fi
