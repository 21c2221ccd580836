#!/usr/bin/env python3
"""Runs kube4c and the peers on the same corpora, interleaved, and records wall time, CPU time and
peak RSS of each run (GNU time), then writes medians as JSON and Markdown.

Interleaving: every round runs each tool once, in a rotated order, so that load from other work
on the (shared) machine falls on all tools alike instead of on whichever ran during a busy spell.

  run.py --rounds 3 --out bench/out/results.json NAME=DIR [NAME=DIR ...]

Tools come from $PEERS_HOME/bin (bench/peers.sh); a tool that is missing is left out. A run over
--timeout seconds is stopped and recorded as such; that tool is not run again at that size or larger.
A tool that needs over --slow-factor times the CPU time of the fastest one in round 1 runs once.
"""
import argparse, json, os, shlex, signal, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = os.environ.get("PEERS_HOME", os.path.expanduser("~/.cache/kube4c-peers"))
BIN = os.path.join(PEERS, "bin")
SCHEMAS = os.path.join(PEERS, "schemas", "v1.37.0")

# Each tool's fastest sensible mode with JSON output; {dir} is the corpus folder.
TOOLS = {
    "kube4c": f"{REPO}/kube4c scan {{dir}} -f json --pss-level restricted",
    "kube-score": f"{BIN}/kube-score score -o json {{dir}}/*.yaml",
    "kubeconform": f"{BIN}/kubeconform -output json -summary -ignore-missing-schemas"
                   f" -schema-location '{SCHEMAS}/{{{{ .ResourceKind }}}}{{{{ .KindSuffix }}}}.json' {{dir}}",
    "conftest": f"{BIN}/conftest test --no-color -o json -p {HERE}/conftest {{dir}}",
    "trivy": f"{BIN}/trivy config --quiet --format json --misconfig-scanners kubernetes"
             f" --cache-dir {PEERS}/trivy-cache --skip-check-update {{dir}}",
    "kyverno": f"{BIN}/kyverno apply {HERE}/kyverno -r {{dir}} --policy-report --output-format json --remove-color",
    "checkov": f"{BIN}/checkov --quiet --compact -o json --framework kubernetes --skip-download -d {{dir}}",
}
ENV = dict(os.environ, BC_SKIP_MAPPING="TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false", TRIVY_DISABLE_VEX_NOTICE="true")


def available():
    tools = {}
    for name, command in TOOLS.items():
        exe = shlex.split(command)[0]
        if os.access(exe, os.X_OK):
            tools[name] = command
    return tools


def measure(command, out_file, timeout):
    """One run under GNU time: (wall s, cpu s, peak RSS MiB, exit code) or None on timeout."""
    timing = out_file + ".time"
    full = f"/usr/bin/time -o {timing} -f '%e %U %S %M %x' sh -c {shlex.quote(command)} > {out_file} 2> {out_file}.err"
    proc = subprocess.Popen(full, shell=True, env=ENV, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group this run started, nothing else
        proc.wait()
        return None
    fields = open(timing).read().split()[-5:]
    wall, user, sys_, rss_kb, code = fields
    return {"wall": float(wall), "cpu": float(user) + float(sys_), "rss_mib": int(rss_kb) / 1024, "exit": int(code)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--out", required=True)
    p.add_argument("--only", help="comma-separated tool names")
    p.add_argument("--slow-factor", type=float, default=3.0,
                   help="after round 1, a tool using more than this many times the CPU time of the fastest "
                        "tool is not run again at that size (its rank is clear; keeps the bench within time)")
    p.add_argument("corpora", nargs="+", help="NAME=DIR, smallest first")
    args = p.parse_args()
    tools = available()
    if args.only:
        tools = {k: v for k, v in tools.items() if k in args.only.split(",")}
    results = json.load(open(args.out)) if os.path.exists(args.out) else {}
    work = os.path.join(os.path.dirname(os.path.abspath(args.out)), "runs")
    os.makedirs(work, exist_ok=True)
    gave_up = set()
    for spec in args.corpora:
        name, directory = spec.split("=", 1)
        runs = {t: [] for t in tools}
        once = set()
        for r in range(args.rounds):
            if r == 1:
                cpus = {t: rs[0]["cpu"] for t, rs in runs.items() if rs and "cpu" in rs[0]}
                fastest = min(cpus.values()) if cpus else 0
                once = {t for t, c in cpus.items() if t != "kube4c" and fastest and c > args.slow_factor * fastest}
            order = list(tools)
            order = order[r % len(order):] + order[: r % len(order)]
            for tool in order:
                if tool in gave_up or tool in once:
                    continue
                command = tools[tool].replace("{dir}", directory)
                started = time.strftime("%H:%M:%S")
                m = measure(command, os.path.join(work, f"{name}-{tool}-{r}.json"), args.timeout)
                if m is None:
                    m = {"timeout": args.timeout}
                    gave_up.add(tool)
                m["started"] = started
                runs[tool].append(m)
                print(f"{name} round {r + 1} {tool}: {m}", file=sys.stderr, flush=True)
        summary = {}
        for tool, rs in runs.items():
            done = [x for x in rs if "wall" in x]
            summary[tool] = {
                "command": tools[tool].replace("{dir}", directory),
                "runs": rs,
                "median": {k: statistics.median(x[k] for x in done) for k in ("wall", "cpu", "rss_mib")} if done else None,
            }
        results[name] = summary
        json.dump(results, open(args.out, "w"), indent=1)
    print(json.dumps({c: {t: v["median"] for t, v in r.items()} for c, r in results.items()}, indent=1))


if __name__ == "__main__":
    main()
