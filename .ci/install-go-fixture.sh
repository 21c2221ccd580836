#!/usr/bin/env bash
# SBOM tests read a real Go binary built with an old dependency (golang.org/x/text v0.3.7, which
# has known advisories), fetched from the Go module proxy. Built once, cached outside the repo.
# Without Go the tests that need it skip with a message.
set -euo pipefail
OUT=/var/cache/kube4c/sbom-fixtures/gotext
if [ -x "$OUT" ]; then
  exit 0
fi
. "$(dirname "$0")/lib/go.sh"
if [ -z "$GO" ]; then
  echo "install-go-fixture: no Go toolchain; the Go-binary SBOM tests will skip"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/go.mod" <<'MOD'
module example.com/kube4c/gotext

go 1.21

require golang.org/x/text v0.3.7
MOD
cat >"$WORK/main.go" <<'SRC'
package main

import (
	"fmt"

	"golang.org/x/text/language"
)

func main() { fmt.Println(language.MustParse("en-GB")) }
SRC
(cd "$WORK" && GOFLAGS=-mod=mod "$GO" mod download golang.org/x/text@v0.3.7 >/dev/null 2>&1 \
  && GOFLAGS=-mod=mod CGO_ENABLED=0 nice "$GO" build -trimpath -o gotext . )
$SUDO mkdir -p "$(dirname "$OUT")"
$SUDO cp "$WORK/gotext" "$OUT"
