#!/usr/bin/env bash
# Optional: kustomize for the Kustomize overlay tests (KustomizeRenderTest skips without it or
# `kubectl kustomize`). There is no Debian package, so it is built from the Go module proxy when Go
# is available; set KUBE4C_SKIP_KUSTOMIZE=1 to skip it.
set -euo pipefail
KUSTOMIZE_VERSION=v5.8.2
if [ "${KUBE4C_SKIP_KUSTOMIZE:-0}" = 1 ] || command -v kustomize >/dev/null 2>&1; then
  exit 0
fi
. "$(dirname "$0")/lib/go.sh"
if [ -z "$GO" ]; then
  echo "install-kustomize: go not found; the Kustomize tests will be skipped" >&2
  exit 0
fi
BIN=$(mktemp -d)
GOBIN="$BIN" GOFLAGS=-mod=mod nice "$GO" install -p 1 "sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}" >/dev/null
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO install -m 0755 "$BIN/kustomize" /usr/local/bin/kustomize
rm -rf "$BIN"
