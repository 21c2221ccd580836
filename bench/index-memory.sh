#!/usr/bin/env bash
# Memory model of the live-cluster scan: heap taken by the listed kinds of a corpus held in one
# inventory, against the partitioned inventory (cluster-wide index in memory, namespaces on disk
# and read back one at a time). Heap is measured after full GCs, in one JVM.
#
#   bench/index-memory.sh bench/out/corpus-100000
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: bench/index-memory.sh CORPUS_DIR}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
./mvnw -q -B -DskipTests package test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
java -Xmx4g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" \
  dev.kube4c.cluster.IndexMemoryBench "$corpus"
