#!/usr/bin/env bash
# A real kube-apiserver and etcd for the tests that compare kube4c's admission-policy verdicts
# with the API server's own (RealApiServerTest). Neither has a Debian package, and both modules
# carry replace directives that `go install` refuses, so each is built from the Go module proxy
# inside a throw-away module that pins its staging modules to the release's versions. Cached in
# /var/cache/kube4c/apiserver; set KUBE4C_SKIP_APISERVER=1 to skip (the test then says so).
set -euo pipefail
KUBERNETES_VERSION=v1.34.4
ETCD_VERSION=v3.6.16
OUT=${KUBE4C_APISERVER_DIR:-/var/cache/kube4c/apiserver}
if [ "${KUBE4C_SKIP_APISERVER:-0}" = 1 ]; then
  exit 0
fi
if [ -x "$OUT/kube-apiserver" ] && [ -x "$OUT/etcd" ] &&
  [ "$(cat "$OUT/VERSION" 2>/dev/null)" = "$KUBERNETES_VERSION $ETCD_VERSION" ]; then
  exit 0
fi
. "$(dirname "$0")/lib/go.sh"
if [ -z "$GO" ]; then
  echo "install-apiserver: go not found; the real API server tests will be skipped" >&2
  exit 0
fi
export GOFLAGS=-mod=mod
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$WORK/kas" "$WORK/etcd"

# kube-apiserver: k8s.io/kubernetes replaces its staging modules (k8s.io/api, ...) with local
# folders; point each at the matching published version (v0.N.M for v1.N.M) instead.
staging=$(
  "$GO" mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["GoMod"])'
)
{
  echo "module kube4c.dev/ci/apiserver"
  echo "go 1.24"
  echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
  echo "replace ("
  grep -E '=> \./staging/' "$staging" | awk -v v="v0${KUBERNETES_VERSION#v1}" '{print "\t" $1 " => " $1 " " v}'
  echo ")"
} >"$WORK/kas/go.mod"
(cd "$WORK/kas" && nice "$GO" build -o "$OUT/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)

# etcd: the server module replaces its sibling modules with local folders the same way.
{
  echo "module kube4c.dev/ci/etcd"
  echo "go 1.24"
  echo "require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
  echo "replace ("
  for m in api/v3 client/pkg/v3 client/v3 pkg/v3; do
    echo "	go.etcd.io/etcd/$m => go.etcd.io/etcd/$m $ETCD_VERSION"
  done
  echo ")"
} >"$WORK/etcd/go.mod"
(cd "$WORK/etcd" && nice "$GO" build -o "$OUT/etcd" go.etcd.io/etcd/server/v3)
echo "$KUBERNETES_VERSION $ETCD_VERSION" >"$OUT/VERSION"
