#!/usr/bin/env bash
# CEL policies on the 100k-object corpus: CPU time (user+sys) of `kube4c scan` with and without
# 20 ValidatingAdmissionPolicies, runs interleaved (the machine is shared; CPU time is steadier
# than wall time). Corpus as bench/run.sh grows it. Usage: bench/cel/run.sh [OBJECTS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${KUBE4C_SHARED:-$here/../shared}"
n="${1:-100000}"
runs="${RUNS:-3}"
out="$here/bench/out"
corpus="$out/corpus-$n"
policies="$out/cel-policies"
mkdir -p "$out"
[ -d "$corpus" ] || python3 "$shared/bench/grow-corpus.py" --objects "$n" --out "$corpus" "$shared/corpus" >/dev/null

# The 17 shipped policies with their params, and 3 renamed copies: 20 policies, 22 validations.
rm -rf "$policies" && mkdir -p "$policies"
for d in "$here"/policies/*/; do
  name="$(basename "$d")"
  cp "$d/policy.yaml" "$policies/$name.yaml"
  [ -f "$d/params.yaml" ] && cp "$d/params.yaml" "$policies/$name-params.yaml"
done
for name in disallow-privileged required-labels container-limits; do
  sed "s/\b$name\b/$name-copy/g" "$here/policies/$name/policy.yaml" >"$policies/$name-copy.yaml"
done

"$here/kube4c" version >/dev/null   # builds the jar when stale
for i in $(seq "$runs"); do
  for mode in builtin policies; do
    extra=()
    [ "$mode" = policies ] && extra=(--policy "$policies")
    /usr/bin/time -f "objects=$n mode=$mode run=$i wall=%es user=%Us sys=%Ss maxrss=%MKB" \
      "$here/kube4c" scan "$corpus" -f json -o /dev/null "${extra[@]}" || true
  done
done 2>&1 | grep -E '^objects='
