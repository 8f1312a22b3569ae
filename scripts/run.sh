#!/usr/bin/env bash
# The main job, from a fresh machine: Node 24, dependencies, the whole native stack, then the three apps and
# the portal (its URL is printed first: open it in a browser).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_env
ensure_node_deps
bash "$ROOT/scripts/stack.sh" up
bash "$ROOT/scripts/apps.sh" start
