#!/usr/bin/env bash
# Installs the peer scanners that this machine can get from its package registries, into a
# cache outside the repository, and prints each exact version. Idempotent. Nothing in the
# project's tests depends on these tools; they are for bench/run.sh and bench/compare.py only.
#
# Not installable here (the Go module proxy refuses these module paths, checked 2026-11-25):
#   kube-linter (golang.stackrox.io/kube-linter, github.com/stackrox/kube-linter),
#   polaris (github.com/fairwindsops/polaris[/vN]), kubescape (github.com/kubescape/kubescape[/v3]).
set -euo pipefail

PEERS_HOME="${PEERS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/kube4c-peers}"
BIN="$PEERS_HOME/bin"
mkdir -p "$BIN"

KUBE_SCORE=github.com/zegl/kube-score/cmd/kube-score@v1.20.0
KUBECONFORM=github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0
CONFTEST=github.com/open-policy-agent/conftest@v0.71.1
TRIVY=github.com/aquasecurity/trivy/cmd/trivy@v0.74.0
KYVERNO=github.com/kyverno/kyverno@v1.19.1
CHECKOV=checkov==3.3.30
# kubeconform downloads schemas from the web by default, which this machine cannot reach; this PyPI
# package ships the Kubernetes JSON schemas, which are rewritten below into a local schema folder.
K8S_SCHEMAS=kubernetes-validate==1.37.0
K8S_VERSION=v1.37.0

go_install() { # name module@version
  local name="$1" mod="$2"
  if [[ -x "$BIN/$name" && -f "$BIN/$name.version" && "$(cat "$BIN/$name.version")" == "$mod" ]]; then
    return 0
  fi
  echo "installing $mod" >&2
  GOBIN="$BIN" GOFLAGS=-mod=mod go install -trimpath -ldflags='-s -w' "$mod"
  echo "$mod" >"$BIN/$name.version"
}

go_install kube-score "$KUBE_SCORE"
go_install kubeconform "$KUBECONFORM"
go_install conftest "$CONFTEST"
# trivy is a large build (about 15 minutes on 2 busy cores) and needs Go's json/v2 experiment;
# skip it with PEERS_SKIP_TRIVY=1.
if [[ "${PEERS_SKIP_TRIVY:-0}" != 1 ]]; then
  GOEXPERIMENT=jsonv2 go_install trivy "$TRIVY"
fi

# kyverno's go.mod has replace directives, which `go install mod@version` refuses: build its CLI
# from the module source that the proxy serves (about 10 minutes on 2 cores).
if [[ ! -x "$BIN/kyverno" || ! -f "$BIN/kyverno.version" || "$(cat "$BIN/kyverno.version")" != "$KYVERNO" ]]; then
  echo "installing $KYVERNO" >&2
  src="$(go mod download -json "$KYVERNO" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')"
  work="$(mktemp -d)"
  cp -r "$src" "$work/kyverno" && chmod -R u+w "$work/kyverno"
  (cd "$work/kyverno" && go build -trimpath -ldflags='-s -w' -o "$BIN/kyverno" ./cmd/cli/kubectl-kyverno)
  rm -rf "$work"
  echo "$KYVERNO" >"$BIN/kyverno.version"
fi

installed_checkov="$("$PEERS_HOME/venv/bin/pip" show checkov 2>/dev/null || true)"  # not piped into grep -q: pipefail
if [[ ! -x "$PEERS_HOME/venv/bin/checkov" ]] || [[ "$installed_checkov" != *"Version: ${CHECKOV#checkov==}"* ]]; then
  echo "installing $CHECKOV" >&2
  python3 -m venv "$PEERS_HOME/venv"
  "$PEERS_HOME/venv/bin/pip" install -q --disable-pip-version-check "$CHECKOV"
fi
ln -sf "$PEERS_HOME/venv/bin/checkov" "$BIN/checkov"

# Local schemas for kubeconform: its "local" schema files refer to /api/_definitions.json, which
# it cannot resolve from a folder; point those references at the file itself.
SCHEMAS="$PEERS_HOME/schemas/$K8S_VERSION"
if [[ ! -f "$SCHEMAS/_definitions.json" ]]; then
  "$PEERS_HOME/venv/bin/pip" install -q --disable-pip-version-check "$K8S_SCHEMAS"
  src="$("$PEERS_HOME/venv/bin/python" -c 'import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))')/kubernetes-json-schema/$K8S_VERSION-local"
  mkdir -p "$SCHEMAS"
  for f in "$src"/*.json; do
    sed "s#\"/api/_definitions.json#\"file://$SCHEMAS/_definitions.json#g" "$f" >"$SCHEMAS/$(basename "$f")"
  done
fi

if ! command -v hyperfine >/dev/null; then
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
fi

# Exact versions: go install builds report "development", so the module@version installed is
# recorded; conftest also names its OPA.
{
  for tool in kube-score kubeconform conftest trivy kyverno; do
    [[ -f "$BIN/$tool.version" ]] && echo "$tool $(cat "$BIN/$tool.version")"
  done
  echo "conftest embeds $("$BIN/conftest" --version 2>&1 | grep -o 'OPA: [0-9.]*')"
  echo "checkov $("$BIN/checkov" --version 2>&1 | tail -1) (PyPI)"
  echo "kubeconform schemas: $K8S_SCHEMAS (PyPI), Kubernetes $K8S_VERSION"
  echo "$(hyperfine --version) (Debian)"
  echo "$(go version)"
} | tee "$PEERS_HOME/VERSIONS.txt"
echo "peers in $BIN" >&2
