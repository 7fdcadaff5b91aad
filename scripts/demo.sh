#!/usr/bin/env bash
# `npm run demo`: installs what is missing, builds, and runs scripts/demo.ts under Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export PATH="$PWD/node_modules/.bin:$PATH"
npm run --silent build >/dev/null
tsc --outDir build
node build/scripts/demo.js
