#!/usr/bin/env bash
# Issue 15's "50 images warm and cold": an OCI layout of 50 images that share two gzip base
# layers (this machine's dpkg status database and /usr/lib/python3/dist-packages) and each add
# one gzip layer of their own (5 jars of the local Maven repository, a different 5 per image), a
# manifest with one Deployment per image, and `kube4c scan --images` over it with an empty layer
# cache (cold) and again with the cache filled (warm). The base layer also holds the Go binary of
# .ci/install-go-fixture.sh (golang.org/x/text v0.3.7), so every image has real advisories from the
# Go vulnerability database that .ci/install-vulndb.sh fetches, imported into a throw-away store.
#   bench/sbom/fifty.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
runs=${1:-2}
work=${WORK:-$HOME/.cache/kube4c-bench/fifty}
layout="$work/layout"
mkdir -p "$work"
if [ ! -f "$layout/index.json" ]; then
  rm -rf "$layout" && mkdir -p "$layout/blobs/sha256"
  blob() { local t; t=$(mktemp "$layout/blobs/t.XXXX"); cat >"$t"; local d; d=$(sha256sum "$t" | cut -d' ' -f1); mv "$t" "$layout/blobs/sha256/$d"; echo "$d"; }
  layer() { # dir-of-root -> "digest size diffid"
    local tar; tar=$(mktemp "$work/tar.XXXX"); tar -cf "$tar" -C "$1" . ; local diff; diff=$(sha256sum "$tar" | cut -d' ' -f1)
    local d; d=$(gzip -6 -c "$tar" | blob); rm "$tar"; echo "$d $(stat -c %s "$layout/blobs/sha256/$d") $diff"; }
  stage=$(mktemp -d)
  mkdir -p "$stage/dpkg/var/lib/dpkg" "$stage/dpkg/etc" "$stage/dpkg/usr/local/bin" && cp /var/lib/dpkg/status "$stage/dpkg/var/lib/dpkg/" && cp /etc/os-release "$stage/dpkg/etc/"
  # The Go binary that .ci/install-go-fixture.sh builds with golang.org/x/text v0.3.7: real advisories.
  cp /var/cache/kube4c/sbom-fixtures/gotext "$stage/dpkg/usr/local/bin/"
  mkdir -p "$stage/py/usr/lib/python3" && cp -r /usr/lib/python3/dist-packages "$stage/py/usr/lib/python3/"
  base1=$(layer "$stage/dpkg"); base2=$(layer "$stage/py")
  mapfile -t jars < <(find "$HOME/.m2/repository" -name '*.jar' | sort | head -250)
  entries=()
  for i in $(seq 0 49); do
    own="$stage/own-$i/app/lib"; mkdir -p "$own"
    for j in 0 1 2 3 4; do cp "${jars[$(( (i * 5 + j) % ${#jars[@]} ))]}" "$own/"; done
    echo "image $i" >"$stage/own-$i/app/ID"
    mine=$(layer "$stage/own-$i")
    entries+=("$(python3 - "$layout" "img-$i" "$base1" "$base2" "$mine" <<'PY'
import hashlib, json, sys
out, tag, layers = sys.argv[1], sys.argv[2], [l.split() for l in sys.argv[3:]]
def put(b):
    d = hashlib.sha256(b).hexdigest(); open(f"{out}/blobs/sha256/{d}", "wb").write(b); return d, len(b)
cd, cs = put(json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": ["sha256:" + l[2] for l in layers]}}).encode())
md, ms = put(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + cd, "size": cs},
  "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + l[0], "size": int(l[1])} for l in layers]}).encode())
print(json.dumps({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:" + md, "size": ms, "annotations": {"org.opencontainers.image.ref.name": tag}}))
PY
)")
  done
  printf '%s\n' "${entries[@]}" | python3 -c 'import json,sys; print(json.dumps({"schemaVersion": 2, "manifests": [json.loads(l) for l in sys.stdin]}))' >"$layout/index.json"
  echo '{"imageLayoutVersion": "1.0.0"}' >"$layout/oci-layout"
  rm -rf "$stage"
fi
manifests="$work/deployments.yaml"
: >"$manifests"
for i in $(seq 0 49); do
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-%s, namespace: shop}\nspec:\n  selector: {matchLabels: {app: a%s}}\n  template:\n    metadata: {labels: {app: a%s}}\n    spec:\n      containers:\n      - {name: app, image: "oci:%s:img-%s"}\n---\n' "$i" "$i" "$i" "$layout" "$i" >>"$manifests"
done
db="$work/db"
[ -d "$db" ] || "$here/kube4c" db import --dir "$db" /var/cache/kube4c/vulndb/osv >/dev/null
echo "layout: $(du -sh "$layout" | cut -f1), 50 images, $(ls "$layout/blobs/sha256" | wc -l) blobs"
for run in $(seq "$runs"); do
  cache="$work/cache"; rm -rf "$cache"
  for mode in cold warm; do
    KUBE4C_CACHE_DIR="$cache" /usr/bin/time -f "run=$run $mode wall=%es user=%Us sys=%Ss maxrss=%MKB" \
      "$here/kube4c" scan --images --db-dir "$db" --rule image-vulnerable,image-vulnerability-scan-unavailable \
      -f json -o "$work/report-$mode.json" --fail-on none "$manifests" 2>&1 | grep -E '^run=' || true
  done
done
python3 - "$work/report-warm.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = {}
for f in r["findings"]: c[f["ruleId"]] = c.get(f["ruleId"], 0) + 1
print("findings by rule (warm run):", c)
PY
