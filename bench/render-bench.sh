#!/usr/bin/env bash
# Render + scan benchmark over every Helm chart in ../shared/corpus (bench/RESULTS.md, "Helm
# rendering"): kube4c rendering in-process (helm-java) against Helm's own CLI writing files that
# kube4c then scans with --no-render. Prints wall and CPU time of each step and the per-chart
# render times kube4c reports with --verbose.
#
#   HELM=/path/to/helm bench/render-bench.sh      (helm built with: go install helm.sh/helm/v3/cmd/helm@v3.22.0)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${KUBE4C_SHARED:-$here/../shared}"
helm="${HELM:-helm}"
kube="${KUBE_VERSION:-v1.34.0}"
out="$here/bench/out/render"
rm -rf "$out" && mkdir -p "$out/helm-cli"
mapfile -t charts < <(find "$shared/corpus" -name Chart.yaml -printf '%h\n' | sort)
echo "charts: ${#charts[@]}"
"$here/kube4c" version >/dev/null   # builds the jar when stale

t() { /usr/bin/time -f "$1 wall=%es user=%Us sys=%Ss maxrss=%MKB" "${@:2}"; }

# 1. kube4c: render every chart in one process and scan the result.
t "kube4c-render+scan" "$here/kube4c" scan "${charts[@]}" --verbose -f json -o "$out/kube4c.json" --fail-on none \
  2> >(tee "$out/kube4c.err" | grep -E '^kube4c-render' >&2) || true
sleep 1
# The chart rendered first (not necessarily listed first) carries the engine's load in its note.
grep -oE 'rendered Helm chart .* in [0-9]+ ms.*' "$out/kube4c.err" | sed -E 's/.* in ([0-9]+) ms( \(loading.*)?$/\1\2/' > "$out/kube4c-ms.txt"
python3 - "$out/kube4c-ms.txt" <<'PY'
import statistics, sys
lines = [x.strip() for x in open(sys.argv[1]) if x.strip()]
first = [int(x.split()[0]) for x in lines if "loading" in x]
rest = sorted(int(x.split()[0]) for x in lines if "loading" not in x)
print(f"kube4c per-chart render: n={len(lines)} first={first} ms (engine load), after the first: median={statistics.median(rest)} ms mean={statistics.mean(rest):.1f} ms max={max(rest)} ms total={sum(rest)} ms; slowest: {rest[-3:]}")
PY

# 2. The same scan with rendering off: what rendering adds is the difference.
t "kube4c-no-render" "$here/kube4c" scan "${charts[@]}" --no-render -f json -o /dev/null --fail-on none 2>&1 | grep -E '^kube4c' || true

# 3. Helm's CLI, one process per chart as a pipeline runs it, then kube4c on the files.
: > "$out/helm-ms.txt"
failed=0
start=$(date +%s%N)
TIMEFORMAT="helm-cli-loop wall=%Rs user=%Us sys=%Ss"
time for chart in "${charts[@]}"; do
  name=$(echo "${chart#"$shared/corpus/"}" | tr '/' '_')
  s=$(date +%s%N)
  if ! "$helm" template release-name "$chart" --namespace default --kube-version "$kube" > "$out/helm-cli/$name.yaml" 2>/dev/null; then
    failed=$((failed + 1)); rm -f "$out/helm-cli/$name.yaml"
  fi
  echo $(( ($(date +%s%N) - s) / 1000000 )) >> "$out/helm-ms.txt"
done
echo "helm-cli: ${#charts[@]} charts, $failed failed, wall=$(( ($(date +%s%N) - start) / 1000000 )) ms"
python3 - "$out/helm-ms.txt" <<'PY'
import statistics, sys
ms = [int(x) for x in open(sys.argv[1]) if x.strip()]
print(f"helm template per chart (process): median={statistics.median(ms)} ms max={max(ms)} ms total={sum(ms)} ms")
PY
t "kube4c-on-helm-output" "$here/kube4c" scan "$out/helm-cli" --no-render -f json -o /dev/null --fail-on none 2>&1 | grep -E '^kube4c' || true
