#!/usr/bin/env bash
# Optional: the Go vulnerability database (the Go module golang.org/x/vulndb, its OSV records under
# data/osv/) for GoVulndbTest and the vulnerability benchmark, which skip visibly without it.
# Fetched from the Go module proxy at a pinned version and kept outside the repository, in
# /var/cache/kube4c/vulndb/osv. Idempotent and quiet; set KUBE4C_SKIP_VULNDB=1 to skip.
set -euo pipefail
VULNDB_VERSION=v0.0.0-20261105234957-e22db6528018
TARGET=${KUBE4C_VULNDB_DIR:-/var/cache/kube4c/vulndb}
if [ "${KUBE4C_SKIP_VULNDB:-0}" = 1 ] || [ "$(cat "$TARGET/VERSION" 2>/dev/null)" = "$VULNDB_VERSION" ]; then
  exit 0
fi
. "$(dirname "$0")/lib/go.sh"
if [ -z "$GO" ]; then
  echo "install-vulndb: go not found; the Go vulnerability database tests will be skipped" >&2
  exit 0
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DIR=$(cd "$WORK" && GOFLAGS=-mod=mod nice "$GO" mod download -json "golang.org/x/vulndb@${VULNDB_VERSION}" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$DIR" ] || [ ! -d "$DIR/data/osv" ]; then
  echo "install-vulndb: golang.org/x/vulndb@${VULNDB_VERSION} has no data/osv; tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO mkdir -p "$TARGET"
$SUDO rm -rf "$TARGET/osv.new"
$SUDO cp -r "$DIR/data/osv" "$TARGET/osv.new"
$SUDO chmod -R u+w,a+rX "$TARGET/osv.new"
$SUDO rm -rf "$TARGET/osv"
$SUDO mv "$TARGET/osv.new" "$TARGET/osv"
echo "$VULNDB_VERSION" | $SUDO tee "$TARGET/VERSION" >/dev/null
