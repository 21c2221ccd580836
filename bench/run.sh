#!/usr/bin/env bash
# Throughput benchmark: grows corpora of 10k and 100k objects from ../shared/corpus with
# ../shared/bench/grow-corpus.py, then times kube4c on them (full scan, JSON report) and the
# parse-only floor (read + index, no rules). Prints one line per run: wall, CPU and peak RSS.
#
#   bench/run.sh [SIZES...]        default: 10000 100000; RUNS=3 by default
#   PSS_LEVEL=restricted bench/run.sh ...   the same with Pod Security evaluation
#   bench/run.sh --compare BASE [SIZES...]  BASE (a commit) against this checkout, side by side
#
# --compare builds BASE from `git archive` in bench/out/base-<commit>/ (its own launcher, jar and
# class-data archive), and this checkout likewise in bench/out/this-<commit>/, then runs the two interleaved (base, this, base, this, ...) RUNS times per
# size and mode (MODES, default "scan"; add parse-only with MODES="parse-only scan"), prints the
# medians of wall, CPU (user+sys) and peak RSS with the ratio this/base, and checks that both
# wrote the same JSON report (scannedAt removed). Compare CPU on a shared machine; wall is noisy.
# SCAN_ARGS adds arguments to every scan of a series (SCAN_ARGS="--policy DIR" for CEL policies).
#
# Runs go through the launcher (./kube4c), so they use its JVM options.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${KUBE4C_SHARED:-$here/../shared}"
out="$here/bench/out"
runs="${RUNS:-3}"
base=""
if [ "${1:-}" = --compare ]; then
  base="${2:?--compare needs a commit}"
  shift 2
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
mkdir -p "$out"

grow() {
  local corpus="$out/corpus-$1"
  if [ ! -d "$corpus" ]; then
    python3 "$shared/bench/grow-corpus.py" --objects "$1" --out "$corpus" "$shared/corpus" >/dev/null
  fi
  echo "$corpus"
}

[ -n "$base" ] || "$here/kube4c" version >/dev/null   # builds the jar (and its class-data archive) when stale

if [ -z "$base" ]; then
  for n in "${sizes[@]}"; do
    corpus="$(grow "$n")"
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
  exit 0
fi

commit="$(git -C "$here" rev-parse --short "$base")"
basedir="$out/base-$commit"
if [ ! -x "$basedir/kube4c" ]; then
  rm -rf "$basedir" && mkdir -p "$basedir"
  git -C "$here" archive "$commit" | tar -x -C "$basedir"
fi
"$basedir/kube4c" version >/dev/null 2>&1
# This side is a snapshot too (uncommitted changes included, via `git stash create`), so that
# editing the sources during a series does not make the launcher rebuild between runs.
this_commit="$(git -C "$here" stash create)"
[ -n "$this_commit" ] || this_commit="$(git -C "$here" rev-parse HEAD)"
head_label="$(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet HEAD -- src pom.xml kube4c || echo +dirty)"
thisdir="$out/this-$(git -C "$here" rev-parse --short "$this_commit")"
if [ ! -x "$thisdir/kube4c" ]; then
  rm -rf "$thisdir" && mkdir -p "$thisdir"
  git -C "$here" archive "$this_commit" | tar -x -C "$thisdir"
fi
"$thisdir/kube4c" version >/dev/null 2>&1
echo "# base=$commit this=$head_label runs=$runs load: $(uptime | sed 's/.*load average: //')"
log="$out/compare-$commit.log"
: >"$log"
for n in "${sizes[@]}"; do
  corpus="$(grow "$n")"
  for mode in ${MODES:-scan}; do
    extra=()
    [ "$mode" = parse-only ] && extra=(--parse-only)
    for i in $(seq "$runs"); do
      for side in base this; do
        launcher="$thisdir/kube4c"
        [ $side = base ] && launcher="$basedir/kube4c"
        report="$out/compare-$side.json"
        # An old report would count as input to launchers before 2026-12-03 (C2 on, larger heap).
        rm -f "$report"
        /usr/bin/time -a -o "$log" -f "objects=$n mode=$mode side=$side run=$i wall=%e cpu=%U+%S rss=%M" \
          "$launcher" scan "$corpus" -f json -o "$report" --fail-on none \
          ${PSS_LEVEL:+--pss-level "$PSS_LEVEL"} ${SCAN_ARGS:-} "${extra[@]}" || true
        grep -v '"scannedAt"' "$report" | sha256sum | cut -c1-16 >"$report.sha"
      done
      same=$(cmp -s "$out/compare-base.json.sha" "$out/compare-this.json.sha" && echo same || echo DIFFERENT)
      echo "objects=$n mode=$mode run=$i report=$same" >>"$log"
    done
  done
done
echo "# load after: $(uptime | sed 's/.*load average: //')"
python3 - "$log" <<'PY'
import re, statistics, sys
rows = {}
reports = {}
for line in open(sys.argv[1]):
    m = re.match(r"objects=(\d+) mode=(\S+) side=(\S+) run=\d+ wall=([\d.]+) cpu=([\d.]+)\+([\d.]+) rss=(\d+)", line)
    if m:
        key = (int(m[1]), m[2]); side = m[3]
        rows.setdefault(key, {}).setdefault(side, []).append((float(m[4]), float(m[5]) + float(m[6]), int(m[7]) / 1024))
    m = re.match(r"objects=(\d+) mode=(\S+) run=\d+ report=(\S+)", line)
    if m:
        reports.setdefault((int(m[1]), m[2]), set()).add(m[3])
print(f"{'objects':>8} {'mode':<10} {'side':<5} {'wall':>7} {'cpu':>7} {'rss MB':>7}")
for key in sorted(rows):
    med = {}
    for side in ("base", "this"):
        runs = rows[key].get(side, [])
        med[side] = [statistics.median(r[i] for r in runs) for i in range(3)]
        w, c, r = med[side]
        print(f"{key[0]:>8} {key[1]:<10} {side:<5} {w:>6.2f}s {c:>6.2f}s {r:>7.0f}")
    ratio = [t / b if b else float("nan") for t, b in zip(med["this"], med["base"])]
    print(f"{key[0]:>8} {key[1]:<10} {'ratio':<5} {ratio[0]:>6.2f}x {ratio[1]:>6.2f}x {ratio[2]:>6.2f}x  reports: {','.join(sorted(reports.get(key, {'?'})))}")
PY
