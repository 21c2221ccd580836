#!/usr/bin/env bash
# Builds the kube4c container image with Jib: always to target/kube4c-image.tar (docker load
# or crane push it), and to a registry when IMAGE=registry/name:tag is given (plain HTTP is used
# for localhost only). Usage: [IMAGE=localhost:5000/kube4c:0.1.0] deploy/image/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/image/rootfs.sh target/image-root
./mvnw -B -ntp -q -Pimage -DskipTests compile jib:buildTar
echo "image: target/kube4c-image.tar"
if [ -n "${IMAGE:-}" ]; then
  extra=()
  case "$IMAGE" in localhost:* | 127.0.0.1:*) extra=(-Djib.allowInsecureRegistries=true) ;; esac
  ./mvnw -B -ntp -q -Pimage -DskipTests "${extra[@]}" -Dimage.name="$IMAGE" compile jib:build
  echo "image: $IMAGE"
fi
