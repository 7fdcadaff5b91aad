#!/usr/bin/env bash
# dist/ is what users run: it must be exactly what the sources build to.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH" npm run --silent build >/dev/null
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "check-dist: dist/ differs from a fresh build of src/; run npm run build and commit dist/:" >&2
  git status --porcelain -- dist >&2
  git diff --stat -- dist >&2
  exit 1
fi
echo "check-dist: dist/ matches the sources"
