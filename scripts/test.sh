#!/usr/bin/env bash
# The whole test suite, from a fresh machine: Node 24, dependencies, the native stack (started if
# needed), static checks (types, lint, format, generated files), then unit, integration and e2e tests.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_env
ensure_node_deps
bash "$ROOT/scripts/stack.sh" up

step() { echo; echo "=== $*"; }
step "generated files are up to date"
npm run --silent check:contracts
has_script() { node -e "process.exit(require('./package.json').scripts['$1'] ? 0 : 1)"; }
if has_script check:openapi; then npm run --silent check:openapi; fi
step "typecheck";     npx tsc --noEmit -p tsconfig.json
step "lint";          npx eslint --max-warnings 0 .
step "format";        npx prettier --check . >/dev/null
step "build";         npx nest build ingest >/dev/null && npx nest build trainer >/dev/null && npx nest build inference >/dev/null
step "unit tests";        npx jest --selectProjects unit --ci
# --forceExit: a test that fails mid-setup can leave a Kafka consumer open; the run must still end.
step "integration tests"; npx jest --selectProjects integration --ci --runInBand --forceExit
step "e2e tests";         npx jest --selectProjects e2e --ci --runInBand --forceExit
