#!/usr/bin/env python3
"""Verdict comparison: kube4c against each peer, check by check, on the same corpus.

For every pair (peer check(s) -> kube4c rule) in MAPPING, each object (or container, where both
tools name containers) that both tools evaluated gets a verdict from each tool (fail / pass), and
the pairs are counted: both fail, both pass, kube4c only, peer only. Samples of the disagreements
are written for reading. Only files that kube4c read (it skips unrendered Helm charts) count, so
both tools see the same objects.

  compare.py --corpus /work/shared/corpus --kube4c k4c.json --kube-score-bin BIN \
             --checkov checkov.json [--trivy trivy.json] --out bench/verdicts
"""
import argparse, collections, json, os, re, subprocess, sys
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


def k4c_filter(rule, severities=None, message=None):
    """Findings of one kube4c rule (or of any of several: a list), optionally by severity or message text."""
    rules = rule if isinstance(rule, list) else [rule]

    def match(f):
        return (f["ruleId"] in rules and (severities is None or f["severity"] in severities)
                and (message is None or message in f["message"]))
    label = " or ".join(rules) + (f" [{'/'.join(severities)}]" if severities else "") + (f" [message has '{message}']" if message else "")
    return label, match


def k4c_prefix(*prefixes):
    """Findings of every kube4c rule whose id starts with one of the prefixes."""
    return " or ".join(p + "*" for p in prefixes), lambda f: f["ruleId"].startswith(prefixes)


# Upstream Pod Security check ids (kyverno's podSecurity "controls") -> the kube4c rule for each.
PSS_CHECKS = {
    "appArmorProfile": "pss-baseline-apparmor",
    "capabilities_baseline": "pss-baseline-capabilities",
    "hostNamespaces": "pss-baseline-host-namespaces",
    "hostPathVolumes": "pss-baseline-host-path-volumes",
    "hostPorts": "pss-baseline-host-ports",
    "hostProbesAndHostLifecycle": "pss-baseline-host-probes-lifecycle",
    "privileged": "pss-baseline-privileged",
    "procMount": "pss-baseline-proc-mount",
    "seLinuxOptions": "pss-baseline-selinux",
    "seccompProfile_baseline": "pss-baseline-seccomp",
    "sysctls": "pss-baseline-sysctls",
    "windowsHostProcess": "pss-baseline-windows-host-process",
    "allowPrivilegeEscalation": "pss-restricted-privilege-escalation",
    "capabilities_restricted": "pss-restricted-capabilities",
    "restrictedVolumes": "pss-restricted-volume-types",
    "runAsNonRoot": "pss-restricted-run-as-non-root",
    "runAsUser": "pss-restricted-run-as-user",
    "seccompProfile_restricted": "pss-restricted-seccomp",
}
KYVERNO_POLICY = "pod-security-restricted"

# (peer, peer check ids (fail if any fails), kube4c selector, granularity)
MAPPING = [
    # kube4c's report must come from `scan --pss-level restricted` for these rows.
    ("kyverno", [KYVERNO_POLICY], k4c_prefix("pss-baseline-", "pss-restricted-"), "workload"),
] + [("kyverno", [check], k4c_filter(rule), "workload") for check, rule in PSS_CHECKS.items()
       if check not in ("hostPathVolumes", "capabilities_baseline")] + [
    # At the restricted level PSA replaces these two baseline checks by restricted ones (kube4c
    # reports what PSA reports); kyverno names the baseline check as well.
    ("kyverno", ["hostPathVolumes"],
     k4c_filter(["pss-baseline-host-path-volumes", "pss-restricted-volume-types"], message="hostPath is"), "workload"),
    ("kyverno", ["capabilities_baseline"],
     k4c_filter(["pss-baseline-capabilities", "pss-restricted-capabilities"], message="capabilities.add"), "workload"),
] + [
    ("kube-score", ["container-security-context-privileged"], k4c_filter("container-privileged"), "container"),
    ("kube-score", ["container-security-context-user-group-id"], k4c_filter("container-run-as-root"), "container"),
    ("kube-score", ["container-security-context-readonlyrootfilesystem"], k4c_filter("container-root-filesystem-writable"), "container"),
    ("kube-score", ["container-image-tag"], k4c_filter("image-tag-mutable", ["medium"]), "container"),
    ("kube-score", ["container-image-pull-policy"], k4c_filter("image-pull-policy-not-always"), "container"),
    ("kube-score", ["container-resources"], k4c_filter(["resources-limits-missing", "resources-requests-missing"]), "container"),
    ("kube-score", ["container-seccomp-profile"], k4c_filter("container-seccomp-unconfined"), "container"),
    ("kube-score", ["service-type"], k4c_filter("service-node-port"), "object"),
    ("checkov", ["CKV_K8S_16"], k4c_filter("container-privileged"), "workload"),
    ("checkov", ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"], k4c_filter("container-host-namespaces"), "workload"),
    ("checkov", ["CKV_K8S_20"], k4c_filter("container-privilege-escalation"), "workload"),
    ("checkov", ["CKV_K8S_22"], k4c_filter("container-root-filesystem-writable"), "workload"),
    ("checkov", ["CKV_K8S_23"], k4c_filter("container-run-as-root"), "workload"),
    ("checkov", ["CKV_K8S_28"], k4c_filter("container-capabilities-not-dropped"), "workload"),
    ("checkov", ["CKV_K8S_37"], k4c_filter("container-capabilities-not-dropped"), "workload"),
    ("checkov", ["CKV_K8S_39"], k4c_filter("container-capabilities-dangerous"), "workload"),
    ("checkov", ["CKV_K8S_31"], k4c_filter("container-seccomp-unconfined"), "workload"),
    ("checkov", ["CKV_K8S_38"], k4c_filter("sa-token-automount"), "workload"),
    ("checkov", ["CKV_K8S_14"], k4c_filter("image-tag-mutable", ["medium"]), "workload"),
    ("checkov", ["CKV_K8S_43"], k4c_filter("image-tag-mutable"), "workload"),
    ("checkov", ["CKV_K8S_15"], k4c_filter("image-pull-policy-not-always"), "workload"),
    ("checkov", ["CKV_K8S_13"], k4c_filter("resources-limits-missing", message="no memory"), "workload"),
    ("checkov", ["CKV_K8S_11"], k4c_filter("resources-limits-missing", message="cpu"), "workload"),
    ("checkov", ["CKV_K8S_10", "CKV_K8S_12"], k4c_filter("resources-requests-missing"), "workload"),
    ("checkov", ["CKV_K8S_26"], k4c_filter("host-port"), "workload"),
    ("checkov", ["CKV_K8S_27"], k4c_filter("container-host-path-sensitive"), "workload"),
    ("trivy", ["KSV-0017"], k4c_filter("container-privileged"), "workload"),
    ("trivy", ["KSV-0008", "KSV-0009", "KSV-0010"], k4c_filter("container-host-namespaces"), "workload"),
    ("trivy", ["KSV-0001"], k4c_filter("container-privilege-escalation"), "workload"),
    ("trivy", ["KSV-0014"], k4c_filter("container-root-filesystem-writable"), "workload"),
    ("trivy", ["KSV-0012"], k4c_filter("container-run-as-root"), "workload"),
    ("trivy", ["KSV-0003"], k4c_filter("container-capabilities-not-dropped"), "workload"),
    ("trivy", ["KSV-0005"], k4c_filter("container-capabilities-dangerous"), "workload"),
    ("trivy", ["KSV-0030"], k4c_filter("container-seccomp-unconfined"), "workload"),
    ("trivy", ["KSV-0013"], k4c_filter("image-tag-mutable", ["medium"]), "workload"),
    ("trivy", ["KSV-0018"], k4c_filter("resources-limits-missing", message="no memory"), "workload"),
    ("trivy", ["KSV-0011"], k4c_filter("resources-limits-missing", message="cpu"), "workload"),
    ("trivy", ["KSV-0015", "KSV-0016"], k4c_filter("resources-requests-missing"), "workload"),
    ("trivy", ["KSV-0024"], k4c_filter("host-port"), "workload"),
    ("trivy", ["KSV-0006"], k4c_filter("container-host-path-sensitive"), "workload"),
    ("trivy", ["KSV-0023"], k4c_filter("container-host-path-sensitive"), "workload"),
    ("trivy", ["KSV-0105"], k4c_filter("container-run-as-root", ["high"]), "workload"),
    ("trivy", ["KSV-0104"], k4c_filter("container-seccomp-unconfined"), "workload"),
    ("trivy", ["KSV-0036"], k4c_filter("sa-token-automount"), "workload"),
    # Network policies, RBAC, secrets, and pod hardening that kube4c covers with its PSS rules
    # (the PSS rows need kube4c's report from `scan --pss-level restricted`).
    ("kube-score", ["pod-networkpolicy"], k4c_filter("netpol-pod-unprotected"), "workload"),
    ("kube-score", ["networkpolicy-targets-pod"], k4c_filter("netpol-selects-nothing"), "object"),
    ("checkov", ["CKV2_K8S_6"], k4c_filter("netpol-pod-unprotected"), "workload"),
    ("checkov", ["CKV_K8S_49"], k4c_filter("rbac-wildcard-permission"), "role"),
    ("trivy", ["KSV-0044", "KSV-0045", "KSV-0046"], k4c_filter("rbac-wildcard-permission"), "role"),
    ("trivy", ["KSV-0041"], k4c_filter("rbac-secrets-access"), "role"),
    ("trivy", ["KSV-0053"], k4c_filter("rbac-pod-exec"), "role"),
    ("checkov", ["CKV_K8S_155"], k4c_filter("rbac-admission-webhook-write"), "role"),
    ("checkov", ["CKV_K8S_156"], k4c_filter("rbac-csr-approval"), "role"),
    ("checkov", ["CKV_K8S_157", "CKV_K8S_158"], k4c_filter("rbac-privilege-escalation-verbs"), "role"),
    ("trivy", ["KSV-0111"], k4c_filter("rbac-cluster-admin-binding"), "object"),
    ("checkov", ["CKV_K8S_35"], k4c_filter("secret-as-env-var"), "workload"),
    ("checkov", ["CKV_K8S_25"], k4c_filter(["pss-baseline-capabilities", "pss-restricted-capabilities"], message="capabilities.add"), "workload"),
    ("trivy", ["KSV-0022"], k4c_filter(["pss-baseline-capabilities", "pss-restricted-capabilities"], message="capabilities.add"), "workload"),
    ("trivy", ["KSV-0002"], k4c_filter("pss-baseline-apparmor"), "workload"),
    ("trivy", ["KSV-0025"], k4c_filter("pss-baseline-selinux"), "workload"),
    ("trivy", ["KSV-0026"], k4c_filter("pss-baseline-sysctls"), "workload"),
    ("trivy", ["KSV-0027"], k4c_filter("pss-baseline-proc-mount"), "workload"),
    ("trivy", ["KSV-0028"], k4c_filter("pss-restricted-volume-types"), "workload"),
]


SPANS = {}  # file -> [(first line, last line, key)], 1-based, filled by universe()


def universe(files):
    """(file, kind, name) -> container names, for every pod-bearing object in the files kube4c read."""
    objects = {}
    for path in files:
        try:
            text = open(path, encoding="utf-8").read()
            docs = list(yaml.load_all(text, Loader=Loader))
            nodes = list(yaml.compose_all(text, Loader=Loader))
        except Exception:
            continue
        for doc, node in zip(docs, nodes):
            items = doc.get("items") if isinstance(doc, dict) and str(doc.get("kind", "")).endswith("List") else [doc]
            for d in items or []:
                if not isinstance(d, dict) or not isinstance(d.get("metadata"), dict):
                    continue
                spec = pod_spec(d)
                names = []
                if isinstance(spec, dict):
                    for field in CONTAINER_LISTS:
                        for c in spec.get(field) or []:
                            if isinstance(c, dict):
                                names.append(str(c.get("name")))
                key = (path, d.get("kind"), str(d["metadata"].get("name") or d["metadata"].get("generateName")))
                objects[key] = names if spec is not None else None
                if node is not None and d is doc:
                    SPANS.setdefault(path, []).append((node.start_mark.line + 1, node.end_mark.line + 1, key))
    return objects


def pod_spec(d):
    spec = d.get("spec") if isinstance(d.get("spec"), dict) else {}
    if d.get("kind") == "Pod":
        return spec
    for candidate in (spec.get("template"), (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template"))):
        if isinstance(candidate, dict) and isinstance(candidate.get("spec"), dict) and "containers" in candidate["spec"]:
            return candidate["spec"]
    return None


def kube4c_verdicts(report):
    """(file, kind, name) -> list of findings."""
    out = collections.defaultdict(list)
    for f in report["findings"]:
        r = f.get("resource") or {}
        if f.get("location"):
            out[(os.path.abspath(f["location"]["file"]), r.get("kind"), r.get("name"))].append(f)
    return out


def run_kube_score(binary, files, cache):
    """Per file, because kube-score stops the whole run at the first object it cannot parse."""
    results = json.load(open(cache)) if os.path.exists(cache) else {}
    for path in files:
        if path in results:
            continue
        run = subprocess.run([binary, "score", "-o", "json", "--enable-optional-test", "container-seccomp-profile", path],
                             capture_output=True, text=True)
        try:
            results[path] = json.loads(run.stdout)
        except json.JSONDecodeError:
            results[path] = {"error": run.stderr.strip()[:300]}
    json.dump(results, open(cache, "w"))
    return results


def kube_score_verdicts(results):
    """(file, kind, name) -> {check: {"fail": set(container names or ''), "evaluated": True}}."""
    out = {}
    for path, objects in results.items():
        if not isinstance(objects, list):
            continue
        for o in objects:
            key = (path, o["type_meta"]["kind"], o["object_meta"].get("name"))
            checks = {}
            for c in o["checks"]:
                if c.get("skipped"):
                    continue
                failed = set()
                if c["grade"] < 10:
                    failed = {(x.get("path") or "") for x in (c.get("comments") or [])} or {""}
                checks[c["check"]["id"]] = failed
            out[key] = checks
    return out


def run_kyverno(binary, policy, files, objects, cache):
    """Per file, because kyverno's CLI loads all objects into one fake API server and panics on the
    second object of a name; only files with a pod-bearing object."""
    results = json.load(open(cache)) if os.path.exists(cache) else {}
    pods = {k[0] for k, containers in objects.items() if containers}
    for path in files:
        if path in results or path not in pods:
            continue
        run = subprocess.run([binary, "apply", policy, "-r", path, "--policy-report", "--output-format", "json",
                              "--remove-color"], capture_output=True, text=True)
        text = run.stdout[run.stdout.find("{"):]  # a deprecation warning comes first, on stdout
        try:
            results[path] = json.loads(text).get("results") or []
        except json.JSONDecodeError:
            results[path] = {"error": (run.stderr or run.stdout).strip()[:300]}
    json.dump(results, open(cache, "w"))
    return results


def kyverno_verdicts(results):
    """(file, kind, name) -> {policy: failed, upstream check id: failed} from kyverno's report."""
    out = {}
    for path, items in results.items():
        if not isinstance(items, list):
            continue
        for r in items:
            if r.get("policy") != KYVERNO_POLICY or r.get("result") not in ("pass", "fail"):
                continue  # "error": kyverno could not decode the object (e.g. a port given as a string)
            failed = set((r.get("properties") or {}).get("controls", "").split(",")) - {""}
            for res in r.get("resources") or []:
                verdicts = out.setdefault((path, res.get("kind"), res.get("name")),
                                          {c: False for c in [KYVERNO_POLICY, *PSS_CHECKS]})
                verdicts[KYVERNO_POLICY] |= r.get("result") == "fail"
                for c in failed:
                    verdicts[c] = True
    return out


def checkov_verdicts(report):
    reports = report if isinstance(report, list) else [report]
    out = collections.defaultdict(dict)
    for rep in reports:
        if rep.get("check_type") != "kubernetes":
            continue
        for status in ("failed_checks", "passed_checks"):
            for c in rep["results"].get(status, []):
                kind, _, rest = c["resource"].partition(".")
                name = rest.split(".", 1)[1] if "." in rest else rest
                key = (c["file_abs_path"], kind, name)
                failed = status == "failed_checks"
                out[key][c["check_id"]] = out[key].get(c["check_id"], False) or failed
    return out


def compare(args):
    report = json.load(open(args.kube4c))
    os.makedirs(args.out, exist_ok=True)
    root = os.path.abspath(args.corpus)
    read_files = sorted(os.path.abspath(i["source"]) for i in report["inputs"] if i.get("resources", 0) > 0)
    objects = universe(read_files)
    k4c = kube4c_verdicts(report)
    peers = {}
    if args.kube_score_bin:
        peers["kube-score"] = kube_score_verdicts(run_kube_score(args.kube_score_bin, read_files, os.path.join(args.out, "kube-score.json")))
    if args.checkov:
        peers["checkov"] = checkov_verdicts(json.load(open(args.checkov)))
    if args.kyverno_bin:
        peers["kyverno"] = kyverno_verdicts(run_kyverno(args.kyverno_bin, args.kyverno_policy, read_files, objects,
                                                        os.path.join(args.out, "kyverno.json")))
    if args.trivy:
        peers["trivy"] = trivy_object_verdicts(json.load(open(args.trivy)), root, objects)

    rows, samples = [], {}
    by_rule = collections.defaultdict(list)  # label -> every matching kube4c finding ("role" rows)
    for peer, checks, (label, match), granularity in MAPPING:
        if granularity == "role" and label not in by_rule:
            by_rule[label] = [f for f in report["findings"] if match(f)]
    for peer, checks, (label, match), granularity in MAPPING:
        if peer not in peers:
            continue
        counts = collections.Counter()
        diffs = []
        partial = 0
        for key, containers in objects.items():
            if granularity in ("container", "workload") and not containers:
                # A kustomize patch or other partial object (no pod template with containers): kube4c
                # sees no workload there; count what the peer flags on them separately.
                verdicts = peers[peer].get(key) or {}
                partial += any(bool(verdicts.get(c)) for c in checks)
                continue
            verdicts = peers[peer].get(key)
            if not verdicts or not any(c in verdicts for c in checks):
                continue  # the peer did not evaluate this object with this check
            findings = [f for f in k4c.get(key, []) if match(f)]
            if granularity == "container":
                for name in containers:
                    peer_fail = any(name in verdicts.get(c, set()) or "" in verdicts.get(c, set()) for c in checks if c in verdicts)
                    k_fail = any((f["resource"].get("container") == name) for f in findings)
                    tally(counts, diffs, key + (name,), k_fail, peer_fail, findings)
            elif granularity == "role":
                # Peers judge a Role by its rules; kube4c reports a grant on the binding that makes
                # it, naming the role ("through ClusterRole/x"): either counts for the role.
                if key[1] not in ("Role", "ClusterRole"):
                    continue
                peer_fail = any(bool(verdicts.get(c)) for c in checks)
                named = re.compile(rf"(?:through|via) {key[1]}/(?:[^/ ]+/)?{re.escape(str(key[2]))}[ )]")
                findings = findings + [f for f in by_rule.get(label, []) if named.search(f["message"])]
                tally(counts, diffs, key, bool(findings), peer_fail, findings)
            else:  # "workload" (pod-bearing objects) or "object" (any kind)
                peer_fail = any(bool(verdicts.get(c)) for c in checks)
                tally(counts, diffs, key, bool(findings), peer_fail, findings)
        rows.append((peer, "+".join(checks), label, granularity, counts, partial))
        samples[f"{peer} {'+'.join(checks)} vs {label}"] = diffs[:40]

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "verdicts.md"), "w") as out:
        out.write("| peer | peer check | kube4c rule | unit | evaluated | both fail | both pass | kube4c only | peer only | agreement | peer fails on partial objects |\n")
        out.write("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
        for peer, checks, label, granularity, c, partial in rows:
            n = sum(c.values())
            agree = (c["both fail"] + c["both pass"]) / n if n else 0
            out.write(f"| {peer} | {checks} | {label} | {granularity} | {n} | {c['both fail']} | {c['both pass']} | "
                      f"{c['kube4c only']} | {c['peer only']} | {agree:.1%} | {partial} |\n")
    json.dump(samples, open(os.path.join(args.out, "disagreements.json"), "w"), indent=1)
    peer_checks = collections.defaultdict(collections.Counter)
    for peer, verdicts in peers.items():
        for key, checks in verdicts.items():
            if key in objects or peer == "trivy":
                for c, v in checks.items():
                    peer_checks[peer][c] += 1 if v else 0
    json.dump({p: dict(c) for p, c in peer_checks.items()}, open(os.path.join(args.out, "peer-checks.json"), "w"), indent=1, sort_keys=True)
    print(open(os.path.join(args.out, "verdicts.md")).read())


CONTAINER_MESSAGE = re.compile(r"[Cc]ontainer ['\"]([^'\"]*)['\"] of (\w+) ['\"]([^'\"]*)['\"]")
OBJECT_MESSAGE = re.compile(r"^(\w+) '([^']*)'")


def trivy_object_verdicts(report, root, objects):
    """Trivy reports per file: a FAIL names its object (and container) in the message; a check that
    ran on a file and names no object there passed for every object of that file."""
    by_file = collections.defaultdict(list)
    for key in objects:
        by_file[key[0]].append(key)
    out = {}
    for result in report.get("Results") or []:
        path = os.path.abspath(os.path.join(root, result["Target"]))
        keys = by_file.get(path, [])
        checks = {m["ID"] for m in result.get("Misconfigurations") or []}
        verdicts = {key: {c: set() for c in checks} for key in keys}
        for m in result.get("Misconfigurations") or []:
            if m.get("Status") != "FAIL":
                continue
            key, container = None, ""
            found = CONTAINER_MESSAGE.search(m.get("Message", ""))
            if found:
                container, kind, name = found.groups()
                key = next((k for k in keys if k[1].lower() == kind.lower() and k[2] == name), None)
            elif OBJECT_MESSAGE.search(m.get("Message", "")):
                kind, name = OBJECT_MESSAGE.search(m["Message"]).groups()
                key = next((k for k in keys if k[1] == kind and k[2] == name), None)
            if key is None:  # the message names no object: take the document that holds the cause's line
                line = (m.get("CauseMetadata") or {}).get("StartLine") or 0
                key = next((k for first, last, k in SPANS.get(path, []) if first <= line <= last), None)
            if key in verdicts:
                verdicts[key][m["ID"]].add(container)
        out.update(verdicts)
    return out


def tally(counts, diffs, key, k_fail, peer_fail, findings):
    if k_fail and peer_fail:
        counts["both fail"] += 1
    elif not k_fail and not peer_fail:
        counts["both pass"] += 1
    else:
        which = "kube4c only" if k_fail else "peer only"
        counts[which] += 1
        diffs.append({"object": list(key), "disagreement": which, "kube4c": [f["message"] for f in findings][:2]})


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", required=True)
    p.add_argument("--kube4c", required=True)
    p.add_argument("--kube-score-bin")
    p.add_argument("--checkov")
    p.add_argument("--trivy")
    p.add_argument("--kyverno-bin")
    p.add_argument("--kyverno-policy", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "kyverno"))
    p.add_argument("--out", required=True)
    compare(p.parse_args())
