#!/usr/bin/env bash
# Image-trust tests push images and cosign signatures to a real OCI registry: Debian's
# docker-registry (distribution 2.x), started on a loopback port by the tests themselves.
# Only the binary is needed; the packaged service is not used.
set -euo pipefail
if [ -x /usr/bin/docker-registry ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
# The package enables a system service on port 5000; the tests do not need it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  $SUDO systemctl stop docker-registry || true
fi
