#!/usr/bin/env bash
# The whole test suite, from a fresh machine: Node 24, dependencies, the native stack (started if
# needed), static checks (types, lint, format, generated files), then unit, integration, e2e and fault
# tests. The tests run in their own namespace (jest.config.js), so the apps of ./scripts/run.sh may be up
# on the same stack meanwhile; the fault suites start a private stack of their own.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_env
# The trainer and inference tests run on native TensorFlow: no silent fall-back to WASM.
export TFJS_BACKEND=${TFJS_BACKEND:-tensorflow}
ensure_node_deps
bash "$ROOT/scripts/stack.sh" up

step() { echo; echo "=== $*"; }
step "generated files are up to date"
npm run --silent check:contracts
npm run --silent check:wasm
has_script() { node -e "process.exit(require('./package.json').scripts['$1'] ? 0 : 1)"; }
if has_script check:openapi; then npm run --silent check:openapi; fi
npm run --silent check:client
step "typecheck";     npx tsc --noEmit -p tsconfig.json && npx tsc --noEmit -p apps/portal/web/tsconfig.json
step "lint";          npx eslint --max-warnings 0 .
step "format";        npx prettier --check . >/dev/null
step "build";         npx nest build ingest >/dev/null && npx nest build trainer >/dev/null && npx nest build inference >/dev/null && npx nest build portal >/dev/null && npm run --silent build:web
step "unit tests";        npx jest --selectProjects unit --ci
# --forceExit: a test that fails mid-setup can leave a Kafka consumer open; the run must still end.
step "integration tests"; npx jest --selectProjects integration --ci --runInBand --forceExit
# the browser tests (test/portal*.e2e-spec.ts) drive Debian's Chromium
step "e2e tests";         ensure_chromium && npx jest --selectProjects e2e --ci --runInBand --forceExit
# Suites that stop, kill or cut a service run on a private stack of their own (other STACK_DIR and ports).
step "fault tests (private stack)"; npx jest --selectProjects faults --ci --runInBand --forceExit
step "chaos suite (private stack)"; npx jest --selectProjects chaos --ci --runInBand --forceExit
