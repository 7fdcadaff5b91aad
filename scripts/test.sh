#!/usr/bin/env bash
# Every test, on a fresh Debian machine or a used one: installs what is missing (as root),
# rebuilds dist/, then lint, typecheck and all jest tests (unit and integration, against
# real registries) under Node 24. Extra arguments go to jest, e.g. `-t 'token'`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

# Node 24 (the runtime action.yml declares) comes from the npm package `node`.
export PATH="$PWD/node_modules/.bin:$PATH"
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" != 24 ]; then
  echo "test: expected Node 24 from node_modules/.bin, got $(node --version)" >&2
  exit 1
fi

echo "test: lint and typecheck"
eslint .
prettier --check . >/dev/null || { prettier --check .; exit 1; }
tsc --noEmit

echo "test: build dist/"
npm run --silent build >/dev/null

# The HTTPS fakes of ACR, Entra ID and GitHub OIDC serve a test CA's certificates; Node reads
# NODE_EXTRA_CA_CERTS only at process start, so it is made and exported before jest (as a
# bundle that keeps any certificates the variable named already).
bash __tests__/harness/acr/test-ca.sh "$PWD/.tools/test-ca"
export NODE_EXTRA_CA_CERTS="$PWD/.tools/test-ca/bundle.crt"

echo "test: jest"
results="$(mktemp)"
status=0
NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning" \
  jest --json --outputFile="$results" "$@" || status=$?

# Registries the harness started must all be gone.
if leftovers="$(pgrep -af 'docker-registry serve .*oci-push-registry-' || true)" && [ -n "$leftovers" ]; then
  echo "test: registries left running after the tests:" >&2
  echo "$leftovers" >&2
  status=1
fi

node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$results" || status=1
rm -f "$results"
exit "$status"
