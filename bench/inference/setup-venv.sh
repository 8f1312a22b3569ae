#!/usr/bin/env bash
# The Python side of the inference bench: a venv under .stack/bench-venv with mlflow (the same version as
# the tracking server, from PyPI) and scikit-learn, to train the matching sklearn model and run
# `mlflow models serve` next to our inference app. Idempotent.
set -Eeuo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.stack/bench-venv"
MLFLOW_VERSION=$(grep -E '^MLFLOW_VERSION=' "$ROOT/.env.example" | cut -d= -f2)
PY=${PYTHON:-python3}
if [[ -f $VENV/.installed && $(cat "$VENV/.installed") == "$MLFLOW_VERSION" ]]; then exit 0; fi
rm -rf "$VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check "mlflow==$MLFLOW_VERSION" scikit-learn pandas boto3
echo "$MLFLOW_VERSION" >"$VENV/.installed"
echo "bench venv ready: $VENV"
