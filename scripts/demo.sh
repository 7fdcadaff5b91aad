#!/usr/bin/env bash
# `npm run demo`: installs what is missing, builds dist/ and the demo (only scripts/demo.ts and
# what it imports: tsconfig.demo.json), and runs it under Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export PATH="$PWD/node_modules/.bin:$PATH"
npm run --silent build >/dev/null
tsc -p tsconfig.demo.json
node build/scripts/demo.js
