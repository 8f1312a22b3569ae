#!/usr/bin/env bash
# Native TensorFlow for TF.js (@tensorflow/tfjs-node) from the registries only. Its own install script
# downloads libtensorflow from outside them, so this script does the install's work instead:
#   1. libtensorflow from the PyPI wheel tensorflow-cpu ($TF_WHEEL_VERSION): its libtensorflow_cc.so.2
#      exports the C and eager C API the binding calls, with the headers under tensorflow/include;
#      unpacked once into $STACK_DIR/opt/libtensorflow-<version>/{lib,include}.
#   2. the npm package, installed without its scripts (npm install --no-save --ignore-scripts);
#      its deps/ folder points at step 1.
#   3. the binding, compiled with node-gyp against this Node's headers (~20 s, once per Node ABI and
#      version), kept in $STACK_DIR/opt/tfjs-node-<version>-abi<N>/ and copied into the package.
#   4. a check that it loads and computes.
# Idempotent; a second install (e.g. after `npm ci` wiped node_modules) is offline and takes seconds.
# Usage: bash scripts/tfjs-node.sh [--check]   (--check: only report whether the native backend loads)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_env
source "$ROOT/scripts/bootstrap-node.sh" >/dev/null

TFJS_NODE_VERSION=${TFJS_NODE_VERSION:-4.22.0}
TF_WHEEL_VERSION=${TF_WHEEL_VERSION:-2.21.0}
pkg="$ROOT/node_modules/@tensorflow/tfjs-node"
libtf="$STACK_DIR/opt/libtensorflow-$TF_WHEEL_VERSION"
abi=$(node -p process.versions.modules)
built="$STACK_DIR/opt/tfjs-node-$TFJS_NODE_VERSION-abi$abi-tf$TF_WHEEL_VERSION"
log="$STACK_DIR/logs/tfjs-node.log"
mkdir -p "$STACK_DIR/opt" "$STACK_DIR/logs" "$STACK_DIR/downloads/tensorflow"

check() {
  # The same Node >= 23 shim as libs/ml/src/backend.ts (applyNodeShims), before tfjs-node loads.
  (cd "$ROOT" && TF_CPP_MIN_LOG_LEVEL=2 node -e "
    const util = require('node:util');
    util.isNullOrUndefined ??= (v) => v === null || v === undefined;
    util.isArray ??= Array.isArray;
    require('@tensorflow/tfjs-node');
    const tf = require('@tensorflow/tfjs');
    const sum = tf.matMul(tf.ones([64, 64]), tf.ones([64, 64])).sum().dataSync()[0];
    if (tf.getBackend() !== 'tensorflow' || sum !== 64 ** 3) throw new Error('backend ' + tf.getBackend() + ' computed ' + sum);
    console.log('[tfjs-node] native TensorFlow ' + tf.backend().binding.TF_Version + ' loads and computes');
  " 2>&1 | grep -v -e '^WARNING: All log messages before absl' -e 'oneDNN custom operations are on')
}

if [[ ${1:-} == --check ]]; then check; exit; fi
if [[ -f $pkg/lib/napi-v8/tfjs_binding.node && -e $pkg/deps/lib/libtensorflow.so && -f $pkg/.modelstream-native ]] &&
  [[ $(cat "$pkg/.modelstream-native") == "$built" ]]; then
  exit 0
fi

# 1. libtensorflow from the wheel
if [[ ! -f $libtf/.complete ]]; then
  wheel=$(ls "$STACK_DIR"/downloads/tensorflow/tensorflow_cpu-"$TF_WHEEL_VERSION"-*.whl 2>/dev/null | head -n 1 || true)
  if [[ -z $wheel ]]; then
    echo "[tfjs-node] downloading the tensorflow-cpu $TF_WHEEL_VERSION wheel from PyPI (~270 MB, once)"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --implementation cp --python-version 3.11 \
      --platform manylinux_2_27_x86_64 -d "$STACK_DIR/downloads/tensorflow" "tensorflow-cpu==$TF_WHEEL_VERSION" >>"$log" 2>&1 ||
      { tail -n 20 "$log" >&2; echo "[tfjs-node] pip download failed: see $log" >&2; exit 1; }
    wheel=$(ls "$STACK_DIR"/downloads/tensorflow/tensorflow_cpu-"$TF_WHEEL_VERSION"-*.whl | head -n 1)
  fi
  echo "[tfjs-node] unpacking libtensorflow and its headers from $(basename "$wheel")"
  rm -rf "$libtf" && mkdir -p "$libtf/lib" "$libtf/include"
  python3 - "$wheel" "$libtf" <<'PY'
import os, shutil, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name in ("tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"):
            target = os.path.join(out, "lib", os.path.basename(name))
        elif name.startswith("tensorflow/include/") and not name.endswith("/"):
            target = os.path.join(out, "include", name[len("tensorflow/include/"):])
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(name) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
PY
  ln -sf libtensorflow_cc.so.2 "$libtf/lib/libtensorflow.so.2"
  ln -sf libtensorflow.so.2 "$libtf/lib/libtensorflow.so"
  ln -sf libtensorflow_framework.so.2 "$libtf/lib/libtensorflow_framework.so"
  touch "$libtf/.complete"
fi

# 2. the package, without its download script
if [[ ! -f $pkg/package.json ]] || [[ $(node -p "require('$pkg/package.json').version") != "$TFJS_NODE_VERSION" ]]; then
  echo "[tfjs-node] installing @tensorflow/tfjs-node@$TFJS_NODE_VERSION without its install script"
  (cd "$ROOT" && npm install --no-save --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error \
    "@tensorflow/tfjs-node@$TFJS_NODE_VERSION" >>"$log" 2>&1) || { tail -n 20 "$log" >&2; exit 1; }
fi
rm -rf "$pkg/deps" && ln -s "$libtf" "$pkg/deps"

# 3. the binding, built once per Node ABI
if [[ ! -f $built/tfjs_binding.node ]]; then
  nodedir=${MODELSTREAM_NODEDIR:-$(dirname "$(dirname "$(command -v node)")")}
  [[ -f $nodedir/include/node/node_api.h ]] || { echo "[tfjs-node] no Node headers under $nodedir/include/node" >&2; exit 1; }
  gyp="$(dirname "$(dirname "$(command -v npm)")")/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
  [[ -f $gyp ]] || gyp=$(node -p "require.resolve('node-gyp/bin/node-gyp.js', { paths: [require.resolve('npm')] })" 2>/dev/null || true)
  [[ -f $gyp ]] || { echo "[tfjs-node] npm's node-gyp was not found" >&2; exit 1; }
  echo "[tfjs-node] compiling the binding against Node $(node --version) (log: $log)"
  (cd "$pkg" && node "$gyp" rebuild --nodedir="$nodedir" --module_name=tfjs_binding --module_path=lib/napi-v8 \
    --napi_build_version=8 >>"$log" 2>&1) || { tail -n 30 "$log" >&2; echo "[tfjs-node] the build failed: see $log" >&2; exit 1; }
  mkdir -p "$built" && cp "$pkg/build/Release/tfjs_binding.node" "$built/tfjs_binding.node.tmp"
  mv "$built/tfjs_binding.node.tmp" "$built/tfjs_binding.node"
fi
mkdir -p "$pkg/lib/napi-v8" && cp "$built/tfjs_binding.node" "$pkg/lib/napi-v8/tfjs_binding.node"

# 4. it loads and computes
check
echo "$built" >"$pkg/.modelstream-native"
