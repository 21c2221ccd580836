#!/usr/bin/env bash
# Live-cluster benchmark: kube4c scan --cluster against fabric8's mock API server (CRUD mode,
# paginated) loaded with a grown corpus. Measures kube4c's wall time and peak RSS with
# /usr/bin/time -v; the mock server runs in its own JVM so its memory is not counted.
#
#   python3 ../shared/bench/grow-corpus.py --objects 100000 --out /tmp/c100k ../shared/corpus
#   bench/live-bench.sh /tmp/c100k
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: bench/live-bench.sh CORPUS_DIR}"
work="$(mktemp -d)"
cd "$here"

./mvnw -q -B -DskipTests package test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"

java -Xmx6g -cp "$cp" dev.kube4c.cluster.LiveBenchServer "$corpus" "$work/kubeconfig" "$work/stats" 2>"$work/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
until grep -q '^ready' "$work/server.log" 2>/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 2; }
  sleep 1
done
grep '^loaded' "$work/server.log" >&2

set +e
/usr/bin/time -v ./kube4c scan --cluster --kubeconfig "$work/kubeconfig" --quiet --verbose --fail-on none \
  >"$work/report.txt" 2>"$work/time.txt"
code=$?
set -e
kill "$server"; wait "$server" 2>/dev/null || true
trap - EXIT

echo "exit code: $code"
cat "$work/report.txt"
grep -E '^note:|^warning:|^error:' "$work/time.txt" || true
grep -E 'Elapsed \(wall clock\)|Maximum resident set size|User time|System time' "$work/time.txt"
echo "server: $(tr '\n' ' ' <"$work/stats")"
rm -rf "$work"
