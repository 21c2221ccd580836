#!/usr/bin/env bash
# SBOM benchmark: kube4c sbom against Syft on the same OCI layout (bench/sbom/make-layout.sh),
# cold (empty cache) and warm, with wall time, CPU time (user+sys) and peak RSS from GNU time.
# Syft is built from the Go module proxy into $BIN (outside the repo) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${B:-$HOME/.cache/kube4c-bench/sbom}
BIN=${BIN:-$HOME/.cache/kube4c-bench/bin}
SYFT_VERSION=${SYFT_VERSION:-v1.57.2}
OUT=$B/out
mkdir -p "$OUT"
bash bench/sbom/make-layout.sh
if [ ! -x "$BIN/syft" ]; then
  GOBIN=$BIN nice go install "github.com/anchore/syft/cmd/syft@$SYFT_VERSION"
fi
./kube4c version >/dev/null  # the launcher builds target/kube4c.jar when the sources changed
L=$B/layout
# Syft reads one image per OCI layout folder: a view of the devbox image sharing the blobs.
D=$B/layout-devbox
if [ ! -f "$D/index.json" ]; then
  mkdir -p "$D" && ln -sfn "$L/blobs" "$D/blobs" && cp "$L/oci-layout" "$D/"
  python3 -c "import json,sys; i=json.load(open('$L/index.json')); i['manifests']=[e for e in i['manifests'] if e['annotations']['org.opencontainers.image.ref.name']=='devbox']; json.dump(i,open('$D/index.json','w'))"
fi
T='%e s wall, %U s user, %S s sys, %M KB max RSS'
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT
for image in devbox big; do
  for run in cold warm; do
    echo "== kube4c $image $run"
    /usr/bin/time -f "$T" ./kube4c sbom "oci:$L:$image" --cache-dir "$CACHE" \
      -o "$OUT/kube4c-$image.cdx.json" 2>&1 | grep -v '^note:'
  done
done
echo "== syft devbox"
SYFT_CHECK_FOR_APP_UPDATE=false /usr/bin/time -f "$T" "$BIN/syft" scan "oci-dir:$D" -q \
  -o "cyclonedx-json=$OUT/syft-devbox.cdx.json"
python3 bench/sbom/compare.py "$OUT/kube4c-devbox.cdx.json" "$OUT/syft-devbox.cdx.json" kube4c syft
