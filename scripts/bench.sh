#!/usr/bin/env bash
# `npm run bench`: installs what is missing, builds dist/ and the bench, and runs bench/bench.ts
# under Node 24: oci-push against skopeo and a curl floor, side by side. BENCH_MIB (image
# size, default 256), BENCH_RUNS (default 3), BENCH_LAYERS (default 5) and BENCH_BIG_MIB
# (the memory case's single layer, default 4 x BENCH_MIB) size it; results go to stdout
# and build/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
export PATH="$PWD/node_modules/.bin:$PATH"
npm run --silent build >/dev/null
# Only the bench and the harness files it imports, into build/ as the demo is built.
tsc -p tsconfig.bench.json
node build/bench/bench.js
