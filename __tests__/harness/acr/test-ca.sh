#!/usr/bin/env bash
# Makes (or keeps) the test CA and one server certificate it signed, for the HTTPS fakes of
# ACR, Entra ID and GitHub's OIDC issuer. Node reads NODE_EXTRA_CA_CERTS only when a process
# starts, so scripts/test.sh runs this before jest and exports the CA; jest's globalSetup runs
# it too when jest is started on its own. Idempotent and safe to run concurrently (flock).
#
#   test-ca.sh DIR   writes DIR/ca.crt, DIR/ca.key, DIR/server.crt, DIR/server.key,
#                    DIR/trust/ca.crt (a cert dir for skopeo's --cert-dir: CA files only) and
#                    DIR/bundle.crt: the test CA plus the certificates NODE_EXTRA_CA_CERTS
#                    already names, if any, so exporting the bundle drops none of them.
set -euo pipefail
dir="${1:?usage: test-ca.sh DIR}"
mkdir -p "$dir/trust"
exec 9>"$dir/.lock"
flock 9

bundle() {
  local extra="${NODE_EXTRA_CA_CERTS:-}"
  {
    cat "$dir/ca.crt"
    case "$extra" in
      "" | "$dir/bundle.crt" | "$dir/ca.crt") ;;
      *) if [ -r "$extra" ]; then cat "$extra"; fi ;;
    esac
  } >"$dir/bundle.crt.new"
  mv -f "$dir/bundle.crt.new" "$dir/bundle.crt"
}

# Keep what is there while it stays valid for another day: a re-run must not swap the CA
# under a jest run that already trusts it.
if [ -s "$dir/ca.crt" ] && [ -s "$dir/server.crt" ] && [ -s "$dir/server.key" ] &&
  openssl x509 -checkend 86400 -noout -in "$dir/server.crt" >/dev/null &&
  openssl x509 -checkend 86400 -noout -in "$dir/ca.crt" >/dev/null; then
  [ -s "$dir/bundle.crt" ] && [ "${NODE_EXTRA_CA_CERTS:-}" = "$dir/bundle.crt" ] || bundle
  exit 0
fi

work="$(mktemp -d "$dir/.new-XXXXXX")"
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj '/CN=oci-push test CA' \
  -keyout "$work/ca.key" -out "$work/ca.crt" \
  -addext 'basicConstraints=critical,CA:TRUE' \
  -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
# Go (skopeo) ignores the CN: the names must be in subjectAltName.
cat >"$work/server.ext" <<'EOF'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,IP:::1
EOF
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
  -CAcreateserial -days 29 -extfile "$work/server.ext" -out "$work/server.crt" 2>/dev/null
for file in ca.key server.key ca.crt server.crt; do mv -f "$work/$file" "$dir/$file"; done
cp -f "$dir/ca.crt" "$dir/trust/ca.crt"
bundle
