#!/usr/bin/env bash
# Vulnerability benchmark: import of the Go vulnerability database (golang.org/x/vulndb, installed
# by .ci/install-vulndb.sh) into a fresh store, store size, and matching 1,000 packages in-process.
# Usage: bench/vulns/run.sh   (prints the numbers; results go to bench/RESULTS.md by hand)
set -euo pipefail
cd "$(dirname "$0")/../.."
VULNDB=${KUBE4C_VULNDB_DIR:-/var/cache/kube4c/vulndb}/osv
[ -d "$VULNDB" ] || { echo "no $VULNDB: run .ci/install-vulndb.sh" >&2; exit 1; }
nice ./mvnw -B -ntp -q test-compile -Dspotless.check.skip=true
nice ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
CP=target/classes:target/test-classes:$(cat target/bench-cp.txt)
STORE=$(mktemp -d)
trap 'rm -rf "$STORE"' EXIT
echo "== kube4c db import (CLI, fresh JVM)"
/usr/bin/time -f "wall %e s, CPU user %U s + sys %S s, max RSS %M KB" \
  nice java -cp "$CP" dev.kube4c.cli.Main db import --dir "$STORE/cli" "$VULNDB"
du -sh "$STORE/cli"
echo "== in-process: import, load, match 1,000 packages"
/usr/bin/time -f "wall %e s, CPU user %U s + sys %S s, max RSS %M KB" \
  nice java -cp "$CP" dev.kube4c.vuln.MatchBenchmark "$STORE/bench" "$VULNDB"
