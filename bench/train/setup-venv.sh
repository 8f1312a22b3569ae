#!/usr/bin/env bash
# The Python peers of the training bench: scikit-learn, pandas, Keras 3 and JAX (CPU) in
# .stack/bench-venv, the venv the inference bench owns (bench/inference/setup-venv.sh creates it with
# mlflow; this adds what the training bench needs on top). Idempotent: a second run only checks imports.
set -Eeuo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.stack/bench-venv"
if [[ ! -x $VENV/bin/python ]]; then bash "$ROOT/bench/inference/setup-venv.sh"; fi
if KERAS_BACKEND=jax "$VENV/bin/python" -c 'import sklearn, pandas, keras, jax' 2>/dev/null; then exit 0; fi
"$VENV/bin/pip" install -q --disable-pip-version-check scikit-learn pandas keras "jax[cpu]"
KERAS_BACKEND=jax "$VENV/bin/python" -c 'import sklearn, keras, jax; print(f"bench venv ready: scikit-learn {sklearn.__version__}, keras {keras.__version__}, jax {jax.__version__}")'
