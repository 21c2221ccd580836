#!/usr/bin/env bash
# kube4c beside Kyverno's CLI on the same pods: Pod Security Standards restricted (Kyverno's
# built-in podSecurity subrule, kube4c's pss-* rules) over PODS pods, half privileged and half
# hardened, in one file. Also kube4c with its whole catalogue. Wall time, CPU and peak RSS, and
# how many pods each refuses.
# Usage: KYVERNO=/path/to/kyverno bench/kyverno/compare.sh [PODS]   (default 2000)
# Kyverno is built from the Go module proxy (bench/RESULTS.md gives the commands); it is never
# needed by the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
pods="${1:-2000}"
kyverno="${KYVERNO:?set KYVERNO to a kyverno CLI binary}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$pods" >"$work/pods.yaml" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    if i % 2 == 0:
        print(f"""---
apiVersion: v1
kind: Pod
metadata: {{name: privileged-{i}, namespace: shop}}
spec:
  containers:
  - name: app
    image: registry.example.com/shop/app:1.4.2
    securityContext: {{privileged: true}}""")
    else:
        print(f"""---
apiVersion: v1
kind: Pod
metadata: {{name: hardened-{i}, namespace: shop}}
spec:
  securityContext: {{runAsNonRoot: true, runAsUser: 10001, seccompProfile: {{type: RuntimeDefault}}}}
  containers:
  - name: app
    image: registry.example.com/shop/app:1.4.2
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {{drop: [ALL]}}""")
PY
cat >"$work/pss-restricted.yaml" <<'YAML'
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: pss-restricted
spec:
  validationFailureAction: Enforce
  background: true
  rules:
  - name: restricted
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      podSecurity:
        level: restricted
        version: latest
YAML
measure() {
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>&1 || true
  read -r wall user sys rss < <(tail -1 "$work/time")
  printf '%-46s wall=%ss cpu=%.2fs maxrss=%sMB  %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" \
    "$((rss / 1024))" "$(summary "$label")"
}
summary() {
  case "$1" in
    kyverno*) grep -oE 'pass: [0-9]+, fail: [0-9]+' "$work/out" | tail -1 ;;
    *) echo "refused pods: $(grep -oE '"name" : "privileged-[0-9]+"' "$work/out" | sort -u | wc -l)" ;;
  esac
}
./kube4c version >/dev/null
echo "pods=$pods ($((pods / 2)) privileged), $(nproc) cores"
measure "kyverno apply (podSecurity restricted)" "$kyverno" apply "$work/pss-restricted.yaml" \
  --resource "$work/pods.yaml" --remove-color
measure "kube4c scan --pss-level restricted (pss-*)" ./kube4c scan "$work/pods.yaml" -f json \
  --pss-level restricted --fail-on none --rule "$(./kube4c rules 2>/dev/null | awk '/^pss-(baseline|restricted)-/{print $1}' | paste -sd,)"
measure "kube4c scan --pss-level restricted (all rules)" ./kube4c scan "$work/pods.yaml" -f json \
  --pss-level restricted --fail-on none
