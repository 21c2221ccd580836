#!/usr/bin/env bash
# Optional: the real cosign for CosignInteropTest (skipped without it). There is no Debian package,
# so it is built from the Go module proxy when Go is available. The build takes several minutes on
# a small machine; set KUBE4C_SKIP_COSIGN=1 to skip it.
set -euo pipefail
COSIGN_VERSION=v2.6.5
if [ "${KUBE4C_SKIP_COSIGN:-0}" = 1 ] || command -v cosign >/dev/null 2>&1; then
  exit 0
fi
. "$(dirname "$0")/lib/go.sh"
if [ -z "$GO" ]; then
  echo "install-cosign: go not found; CosignInteropTest will be skipped" >&2
  exit 0
fi
BIN=$(mktemp -d)
GOBIN="$BIN" GOFLAGS=-mod=mod "$GO" install -p 1 "github.com/sigstore/cosign/v2/cmd/cosign@${COSIGN_VERSION}" >/dev/null
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO install -m 0755 "$BIN/cosign" /usr/local/bin/cosign
rm -rf "$BIN"
