#!/usr/bin/env bash
# kube4c serve benchmark on loopback: in-handler latency (judge calls in one JVM), then
# end-to-end AdmissionReview POSTs over TLS from CLIENTS keep-alive JDK HttpClients against a
# separate `kube4c serve --no-cluster` process, full catalogue, and that process's peak RSS.
# Usage: [HEY=/path/to/hey] [VEGETA=/path/to/vegeta] [RATE=req/s] [HEY_ONLY=1]
#   bench/webhook-bench.sh [CLIENTS] [SECONDS]   (default 100 clients, 20 s; vegeta at 2,000/s)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-100}
SECONDS_RUN=${2:-20}
./mvnw -B -ntp -q test-compile -Dspotless.check.skip=true
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/cp.txt)"
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# SERVER_OPTS: the server JVM's options (default: what the launcher gives `kube4c serve`).
read -r -a server_opts <<<"${SERVER_OPTS:-$(./kube4c --print-java-opts serve 2>/dev/null || echo -Xmx256m)}"
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java "${server_opts[@]}" -cp "$CP" dev.kube4c.cli.Main serve --no-cluster --no-access-log \
  --address 127.0.0.1 --port "$PORT" --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" &
SERVER=$!
for _ in $(seq 1 100); do
  curl -sk "https://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
if [ -z "${HEY_ONLY:-}" ]; then
  java -cp "$CP" dev.kube4c.admission.WebhookBench handler 20000
  java -cp "$CP" dev.kube4c.admission.WebhookBench http "https://127.0.0.1:$PORT/validate" "$WORK/tls.crt" "$CLIENTS" "$SECONDS_RUN"
fi
# The same load from Go's hey (go install github.com/rakyll/hey@v0.1.5), which costs the two
# shared cores far less than 100 JDK HttpClients. -host sets a valid SNI name: hey sends the
# URL's host:port as SNI, which a JDK TLS server refuses ("illegal parameter").
HEY=${HEY:-$(command -v hey || true)}
if [ -n "$HEY" ]; then
  java -cp "$CP" dev.kube4c.admission.WebhookBench bodies "$WORK"
  # RATE=N: the clients together send N requests/s (hey's per-client -q), as an API server sends
  # reviews when they come, instead of each client sending its next one the moment it has an
  # answer (which measures the queue at saturation, not the answer time).
  rate=()
  [ -n "${RATE:-}" ] && rate=(-q "$((RATE / CLIENTS))")
  hey_run() { "$HEY" -host localhost -c "$1" -z "$2" "${rate[@]}" -m POST -T application/json -D "$WORK/$3.json" "https://127.0.0.1:$PORT/validate"; }
  hey_run 50 5s privileged >/dev/null
  hey_run $((CLIENTS / 2)) "${SECONDS_RUN}s" privileged >"$WORK/p.txt" &
  hey_run $((CLIENTS / 2)) "${SECONDS_RUN}s" hardened >"$WORK/h.txt"
  wait $!
  for f in p h; do
    echo "hey $((CLIENTS / 2)) clients, $([ $f = p ] && echo "privileged (denied)" || echo "hardened (allowed)"): $(grep -E 'Requests/sec|50%|99%|\[200\]' "$WORK/$f.txt" | tr -s ' \t\n' ' ')"
  done
fi
# Open-loop load from vegeta (go install github.com/tsenart/vegeta/v12@v12.12.0): requests at an
# even RATE (default 2,000/s) over CLIENTS keep-alive connections, privileged and hardened pods
# in turn, whether or not earlier answers are back, as an API server sends them. hey's -q paces
# each client on its own ticker, so 100 clients fire together in bursts.
VEGETA=${VEGETA:-$(command -v vegeta || true)}
if [ -n "$VEGETA" ]; then
  [ -f "$WORK/privileged.json" ] || java -cp "$CP" dev.kube4c.admission.WebhookBench bodies "$WORK"
  for body in privileged hardened; do
    printf 'POST https://localhost:%s/validate\nContent-Type: application/json\n@%s\n\n' "$PORT" "$WORK/$body.json"
  done >"$WORK/targets.txt"
  vegeta_run() {
    "$VEGETA" attack -targets="$WORK/targets.txt" -rate="$1" -duration="$2" -workers="$CLIENTS" \
      -max-workers="$CLIENTS" -connections="$CLIENTS" -insecure
  }
  vegeta_run "${RATE:-2000}" 5s >/dev/null
  vegeta_run "${RATE:-2000}" "${SECONDS_RUN}s" >"$WORK/vegeta.bin"
  "$VEGETA" report -type=text <"$WORK/vegeta.bin" >"$WORK/vegeta.txt"
  [ -n "${KEEP_RESULTS:-}" ] && cp "$WORK/vegeta.bin" "$KEEP_RESULTS"
  [ -n "${HIST:-}" ] && "$VEGETA" report -type="hist[0,1ms,2ms,5ms,10ms,20ms,50ms,100ms]" <"$WORK/vegeta.bin"
  echo "vegeta $CLIENTS connections at ${RATE:-2000}/s: $(grep -E '^(Requests|Latencies|Success|Status)' "$WORK/vegeta.txt" | tr -s ' \t\n' ' ')"
  # Each attack opens its CLIENTS TLS connections in its first few hundred ms; latencies from
  # the second second on are those of connections that stay open, as the API server's do.
  "$VEGETA" encode -to csv <"$WORK/vegeta.bin" | python3 -c '
import csv, sys
rows = sorted((int(r[0]), int(r[2])) for r in csv.reader(sys.stdin))
start = rows[0][0] + 1_000_000_000
late = sorted(latency for sent, latency in rows if sent >= start)
pick = lambda q: late[min(len(late) - 1, int(q * len(late)))] / 1e6
print(f"vegeta after the first second ({len(late)} requests): p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms, p99.9 {pick(0.999):.2f} ms, max {late[-1] / 1e6:.2f} ms")'
fi
echo "server options: ${server_opts[*]}"
echo "server peak RSS: $(awk '/VmHWM/ {print $2/1024 " MB"}' /proc/$SERVER/status)"
