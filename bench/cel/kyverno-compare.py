#!/usr/bin/env python3
"""Compares kube4c's verdicts on the shipped policies (policies/*/) with `kyverno apply`, which
evaluates ValidatingAdmissionPolicies offline: for each policy, the set of (resource, message)
denials of both tools. Usage: bench/cel/kyverno-compare.py [KYVERNO] [KUBE4C_JAR]"""
import json, os, re, subprocess, sys

here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
kyverno = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/kube4c-peers/bin/kyverno")
jar = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "target", "kube4c.jar")


def kyverno_denials(d):
    args = [kyverno, "apply", f"{d}/policy.yaml", "--resource", f"{d}/resources.yaml"]
    if os.path.exists(f"{d}/params.yaml"):
        args += ["--parameter-resource", f"{d}/params.yaml"]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    denials, resource = set(), None
    for line in out.splitlines():
        m = re.match(r"policy (\S+) -> resource (\S+)/(\S+)/(\S+) failed:", line)
        if m:
            resource = f"{m.group(3)}/{m.group(2)}/{m.group(4)}"
            continue
        m = re.match(r"\d+ - (\S+) (.*)", line)
        if m and resource:
            denials.add((resource, m.group(2).strip()))
    summary = re.search(r"pass: (\d+), fail: (\d+), warn: (\d+), error: (\d+), skip: (\d+)", out)
    return denials, summary.group(0) if summary else out.strip()[-200:]


def kube4c_denials(d, name):
    policy = [f"--policy={d}/policy.yaml"]
    if os.path.exists(f"{d}/params.yaml"):
        policy.append(f"--policy={d}/params.yaml")
    out = subprocess.run(["java", "-jar", jar, "scan", f"{d}/resources.yaml", "--no-input-policies", "-f", "json", *policy],
                         capture_output=True, text=True).stdout
    report = json.loads(out)
    return {(f"{f['resource']['kind']}/{f['resource'].get('namespace', '')}/{f['resource']['name']}", f["message"])
            for f in report["findings"] if f["ruleId"].startswith(name + "/")}


same = 0
rows = []
for name in sorted(os.listdir(os.path.join(here, "policies"))):
    d = os.path.join(here, "policies", name)
    k, summary = kyverno_denials(d)
    c = kube4c_denials(d, name)
    agree = k == c
    same += agree
    rows.append((name, len(c), len(k), agree, sorted(c - k), sorted(k - c), summary))
print("| policy | kube4c denials | kyverno denials | same resources and messages | only kube4c | only kyverno | kyverno summary |")
print("|---|---|---|---|---|---|---|")
for name, nc, nk, agree, only_c, only_k, summary in rows:
    fmt = lambda s: "; ".join(f"{r}: {m}" for r, m in s) or "—"
    print(f"| {name} | {nc} | {nk} | {'yes' if agree else 'no'} | {fmt(only_c)} | {fmt(only_k)} | {summary} |")
print(f"\n{same} of {len(rows)} policies: identical denials (resource and message).")
