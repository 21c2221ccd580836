#!/usr/bin/env bash
# Throughput benchmark: grows corpora of 10k and 100k objects from ../shared/corpus with
# ../shared/bench/grow-corpus.py, then times kube4c on them (full scan, JSON report) and the
# parse-only floor (read + index, no rules). Prints one line per run: wall, CPU and peak RSS.
#
#   bench/run.sh [SIZES...]        default: 10000 100000; RUNS=3 by default
#   PSS_LEVEL=restricted bench/run.sh ...   the same with Pod Security evaluation
#
# Runs go through the launcher (./kube4c), so they use its JVM options.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${KUBE4C_SHARED:-$here/../shared}"
out="$here/bench/out"
runs="${RUNS:-3}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
mkdir -p "$out"

"$here/kube4c" version >/dev/null   # builds the jar (and its class-data archive) when stale

for n in "${sizes[@]}"; do
  corpus="$out/corpus-$n"
  if [ ! -d "$corpus" ]; then
    python3 "$shared/bench/grow-corpus.py" --objects "$n" --out "$corpus" "$shared/corpus" >/dev/null
  fi
  size=$(du -smL "$corpus" | cut -f1)
  for mode in parse-only scan; do
    extra=()
    [ "$mode" = parse-only ] && extra=(--parse-only)
    for i in $(seq "$runs"); do
      /usr/bin/time -f "objects=$n size=${size}MB mode=$mode run=$i wall=%es user=%Us sys=%Ss maxrss=%MKB" \
        "$here/kube4c" scan "$corpus" -f json -o /dev/null ${PSS_LEVEL:+--pss-level "$PSS_LEVEL"} "${extra[@]}" || true
    done
  done
done 2>&1 | grep -E '^objects='
