#!/usr/bin/env bash
# Builds the OCI layout the SBOM benchmark reads, from this machine's own files (nothing is
# downloaded): a "devbox" image whose layers hold the Debian package database and /usr/bin, the
# system Python packages, the global npm packages, the local Maven repository's jars and a few Go
# binaries; and a "big" image with /usr/lib and /usr/share as one uncompressed layer (several GB),
# for throughput and memory. Cached in $OUT; delete it to rebuild.
set -euo pipefail
OUT=${OUT:-$HOME/.cache/kube4c-bench/sbom/layout}
GO_BINS=${GO_BINS:-"/usr/local/bin/cosign /usr/local/bin/kustomize /usr/local/bin/terraform /usr/local/bin/docker $HOME/.cache/kube4c-bench/bin/syft"}
if [ -f "$OUT/index.json" ]; then echo "layout exists: $OUT"; exit 0; fi
mkdir -p "$OUT/blobs/sha256"
blob() { # stdin -> blob; prints digest
  local tmp; tmp=$(mktemp "$OUT/blobs/tmp.XXXX")
  cat >"$tmp"; local d; d=$(sha256sum "$tmp" | cut -d' ' -f1)
  mv "$tmp" "$OUT/blobs/sha256/$d"; echo "$d"
}
layer() { # compress paths... -> "mediatype digest size diffid"
  local compress=$1; shift
  local tar; tar=$(mktemp "$OUT/blobs/tar.XXXX")
  nice tar --hard-dereference -cf "$tar" -C / "$@" 2>/dev/null || true
  local diff; diff=$(sha256sum "$tar" | cut -d' ' -f1)
  local d type
  if [ "$compress" = gzip ]; then
    d=$(nice gzip -6 -c "$tar" | blob); type=application/vnd.oci.image.layer.v1.tar+gzip; rm "$tar"
  else
    d=$diff; mv "$tar" "$OUT/blobs/sha256/$d"; type=application/vnd.oci.image.layer.v1.tar
  fi
  echo "$type $d $(stat -c %s "$OUT/blobs/sha256/$d") $diff"
}
image() { # tag layer-lines... ; writes config + manifest, appends to index entries
  local tag=$1; shift
  python3 - "$OUT" "$tag" "$@" <<'PY'
import hashlib, json, os, sys
out, tag, layers = sys.argv[1], sys.argv[2], [l.split() for l in sys.argv[3:]]
def put(b):
    d = hashlib.sha256(b).hexdigest()
    open(f"{out}/blobs/sha256/{d}", "wb").write(b); return d, len(b)
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + l[3] for l in layers]}}).encode()
cd, cs = put(cfg)
man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + cd, "size": cs},
                  "layers": [{"mediaType": l[0], "digest": "sha256:" + l[1], "size": int(l[2])} for l in layers]}).encode()
md, ms = put(man)
idx_path = f"{out}/index.json.part"
entries = json.load(open(idx_path)) if os.path.exists(idx_path) else []
entries.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:" + md, "size": ms,
                "annotations": {"org.opencontainers.image.ref.name": tag}})
json.dump(entries, open(idx_path, "w"))
PY
}
rel() { for p in "$@"; do [ -e "$p" ] && echo "${p#/}"; done; }
L1=$(layer gzip $(rel /etc/os-release /usr/lib/os-release /var/lib/dpkg/status /usr/bin))
L2=$(layer gzip $(rel /usr/lib/python3/dist-packages))
L3=$(layer gzip $(rel /usr/lib/node_modules))
L4=$(layer gzip $(rel "$HOME/.m2/repository"))
L5=$(layer gzip $(rel $GO_BINS))
image devbox "$L1" "$L2" "$L3" "$L4" "$L5"
B1=$(layer none $(rel /etc/os-release /usr/lib /usr/share))
image big "$B1"
python3 -c "import json,sys; e=json.load(open('$OUT/index.json.part')); json.dump({'schemaVersion':2,'manifests':e}, open('$OUT/index.json','w'))"
rm "$OUT/index.json.part"
echo '{"imageLayoutVersion":"1.0.0"}' >"$OUT/oci-layout"
du -sh "$OUT"
