#!/usr/bin/env bash
# Every test: type check, unit and theory tests, production build, end-to-end in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type check"; npx tsc --noEmit -p . && npx tsc --noEmit -p tsconfig.headless.json
echo "== unit tests"; npx vitest run
echo "== build"; npm run --silent build
echo "== end-to-end"; bash scripts/ensure-chromium.sh; npx playwright test
