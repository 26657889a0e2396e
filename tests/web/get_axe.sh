#!/usr/bin/env bash
# Fetches axe-core from the npm registry into tests/web/.axe/ (git-ignored), for the
# accessibility checks. Runs once; the browser tests call it when axe.min.js is missing.
set -euo pipefail
cd "$(dirname "$0")"
version="${AXE_CORE_VERSION:-4.10.3}"
target=".axe/node_modules/axe-core/axe.min.js"
if [ -f "$target" ]; then exit 0; fi
mkdir -p .axe
cd .axe
[ -f package.json ] || echo '{"name": "city-assistant-axe", "private": true}' > package.json
npm install --no-audit --no-fund --silent "axe-core@$version" >/dev/null
test -f "node_modules/axe-core/axe.min.js"
