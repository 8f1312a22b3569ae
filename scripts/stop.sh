#!/usr/bin/env bash
# Stops the portal and the three apps, then the stack (data is kept; `scripts/stack.sh reset` wipes it).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/apps.sh" stop
bash "$ROOT/scripts/stack.sh" down
