#!/usr/bin/env bash
# Builds the image (deploy/image/build.sh) to a tarball and to a real local registry (Debian's
# docker-registry), then checks what users rely on: it runs as 65532 like the webhook manifests
# and chart say, with the launcher's serve options, has no shell, its packages are visible to
# `kube4c sbom` through the registry, and, where this runs as root, its own file system runs the
# webhook: a privileged Pod is denied over TLS. Exits non-zero on the first failed check.
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$(./mvnw -B -ntp -q help:evaluate -Dexpression=project.version -DforceStdout)"
work="$(mktemp -d)"
registry_pid=""
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  mountpoint -q "$work/root/proc" 2>/dev/null && umount "$work/root/proc"
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "image: FAIL: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

port="$(free_port)"
mkdir -p "$work/registry"
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$work/registry" "$port" >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done
image="127.0.0.1:$port/kube4c:$version"
IMAGE="$image" deploy/image/build.sh

tar -xf target/kube4c-image.tar -C "$work" manifest.json
config="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/manifest.json")"
tar -xf target/kube4c-image.tar -C "$work" "$config"
field() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["config"].get(sys.argv[2])))' "$work/$config" "$1"; }
[ "$(field User)" = '"65532:65532"' ] || fail "user is $(field User), not 65532:65532"
for manifest in deploy/webhook/kube4c-webhook.yaml charts/kube4c/templates/webhook.yaml; do
  grep -q 'runAsUser: 65532' "$manifest" || fail "$manifest does not run as 65532 like the image"
done
read -r -a launcher <<<"$(./kube4c --print-java-opts serve)"
for opt in "${launcher[@]}"; do
  case "$opt" in -XX:SharedArchiveFile=* | -Xlog:*) continue ;; esac
  field Entrypoint | grep -qF -- "\"$opt\"" || fail "entrypoint lacks the launcher's serve option $opt"
done
echo "image: config ok (user 65532:65532, entrypoint $(field Entrypoint | cut -c1-60)...)"

# The layers, unpacked in order: the image's own file system.
mkdir -p "$work/root"
for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/manifest.json"); do
  tar -xf target/kube4c-image.tar -C "$work" "$layer"
  tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$work/root"
done
for shell in bin/sh bin/bash usr/bin/sh; do
  [ -e "$work/root/$shell" ] && fail "the image has a shell: /$shell"
done

./kube4c sbom "$image" >"$work/sbom.json" || fail "kube4c sbom could not read $image from the registry"
for package in libc6 zlib1g libstdc++6 libgcc-s1; do
  grep -qF "\"name\" : \"$package\"" "$work/sbom.json" || fail "the SBOM of $image lacks $package"
done
echo "image: $image pushed; its SBOM lists $(grep -c '"purl"' "$work/sbom.json") packages"

if [ "$(id -u)" != 0 ] || ! mkdir -p "$work/root/proc" || ! mount --bind /proc "$work/root/proc" 2>/dev/null; then
  echo "image: not run (needs root to chroot into the image's file system)"
  exit 0
fi
mkdir -p "$work/root/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -keyout "$work/root/tls/tls.key" -out "$work/root/tls/tls.crt" 2>/dev/null
chmod 644 "$work/root/tls/tls.key"
read -r -a entrypoint <<<"$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["config"]["Entrypoint"]))' "$work/$config")"
webhook_port="$(free_port)"
env -i PATH=/opt/java/bin JAVA_HOME=/opt/java MALLOC_ARENA_MAX=2 \
  "$(command -v chroot)" --userspec=65532:65532 "$work/root" "${entrypoint[@]}" serve --no-cluster \
  --address 127.0.0.1 --port "$webhook_port" --tls-cert /tls/tls.crt --tls-key /tls/tls.key \
  >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf --cacert "$work/root/tls/tls.crt" "https://localhost:$webhook_port/readyz" >/dev/null && break; sleep 0.2; done
cat >"$work/review.json" <<'JSON'
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"7f0b2f8e-0000-4000-8000-000000000001",
 "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
 "namespace":"default","operation":"CREATE","userInfo":{"username":"dev"},
 "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"root-shell","namespace":"default"},
  "spec":{"containers":[{"name":"shell","image":"busybox:1.36","securityContext":{"privileged":true}}]}}}}
JSON
answer="$(curl -sf --cacert "$work/root/tls/tls.crt" -H 'Content-Type: application/json' \
  --data-binary @"$work/review.json" "https://localhost:$webhook_port/validate")" ||
  { cat "$work/serve.log" >&2; fail "the webhook in the image did not answer"; }
echo "$answer" | grep -q '"allowed" *: *false' || fail "a privileged Pod was not denied: $answer"
echo "$answer" | grep -q 'container-privileged' || fail "the denial does not name container-privileged: $answer"
curl -s --max-time 2 "http://localhost:$webhook_port/healthz" >/dev/null 2>&1 && fail "plain HTTP was answered"
echo "image: the webhook in the image's file system (user 65532) denied a privileged Pod over TLS"
