#!/usr/bin/env bash
# Per-request cost of the 20 bench policies at admission (in process, no HTTP): p50/p90/p99 of
# running every policy rule on a one-object inventory with its admission request. Objects are the
# shipped policies' test resources (Deployments, Services, Ingresses, NetworkPolicies, Namespaces).
# Run bench/cel/run.sh first (it writes bench/out/cel-policies). Usage: bench/cel/admission.sh [REQUESTS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" \
  dev.kube4c.policy.AdmissionCostBench bench/out/cel-policies policies "${1:-20000}"
