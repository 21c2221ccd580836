#!/usr/bin/env python3
"""Compares two CycloneDX JSON SBOMs by package: purl type, name and version (qualifiers and
subpaths dropped, names lower-cased for PyPI). Prints counts per type and samples of each side."""
import json, sys, collections, urllib.parse

def packages(path):
    bom = json.load(open(path))
    out = collections.defaultdict(set)
    def walk(components):
        for c in components:
            purl = c.get("purl")
            if purl:
                p = purl.split("?")[0].split("#")[0]
                typ = p[4:].split("/")[0]
                rest = p[len("pkg:" + typ + "/"):]
                name, _, version = rest.rpartition("@") if "@" in rest else (rest, "", "")
                name = urllib.parse.unquote(name)
                version = urllib.parse.unquote(version)
                if typ == "pypi":
                    name = name.lower().replace("_", "-")
                if typ == "golang":
                    name = name.lower()  # packageurl-java lowercases golang purls; Syft keeps case
                if typ == "golang" and version in ("", "(devel)"):
                    version = "(devel)"  # main modules: Syft writes no version, kube4c (devel)
                if typ == "golang" and name == "stdlib":
                    version = "v" + version.lstrip("gov")  # Syft: go1.23.3, kube4c: v1.23.3
                out[typ].add((name, version))
            walk(c.get("components", []))
    walk(bom.get("components", []))
    return out

a, b = packages(sys.argv[1]), packages(sys.argv[2])
la, lb = sys.argv[3] if len(sys.argv) > 3 else "A", sys.argv[4] if len(sys.argv) > 4 else "B"
print(f"| purl type | both | only {la} | only {lb} |")
print("|---|---|---|---|")
for t in sorted(set(a) | set(b)):
    both = a[t] & b[t]
    print(f"| {t} | {len(both)} | {len(a[t] - b[t])} | {len(b[t] - a[t])} |")
for t in sorted(set(a) | set(b)):
    for label, only in ((la, a[t] - b[t]), (lb, b[t] - a[t])):
        if only:
            sample = ", ".join(f"{n}@{v}" for n, v in sorted(only)[:12])
            print(f"\nonly {label}, {t} ({len(only)}): {sample}")
