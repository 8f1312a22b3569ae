#!/usr/bin/env bash
# Schemathesis (from PyPI) in .stack/fuzz-venv, for test/fuzz/run.sh. Idempotent: a second run only checks it.
set -Eeuo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.stack/fuzz-venv"
VERSION=4.32.5
if [[ -x $VENV/bin/schemathesis ]] && "$VENV/bin/python" -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$VERSION')" 2>/dev/null; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$VERSION"
"$VENV/bin/python" -c 'import schemathesis; print(f"fuzz venv ready: schemathesis {schemathesis.__version__}")'
