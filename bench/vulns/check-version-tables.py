#!/usr/bin/env python3
"""Checks the comparator tables (src/test/resources/vuln/versions) against the ecosystems' own
tools where this machine has them: dpkg --compare-versions, python3-rpm's labelCompare and
the Python 'packaging' library. Prints each disagreement and a count per table."""
import itertools, pathlib, subprocess, sys

here = pathlib.Path(__file__).resolve().parents[2] / "src/test/resources/vuln/versions"

def dpkg(a, b):
    for op, r in (("lt", -1), ("eq", 0), ("gt", 1)):
        if subprocess.run(["dpkg", "--compare-versions", a, op, b], capture_output=True).returncode == 0:
            return r
    return None

def rpmcmp(a, b):
    import rpm
    def evr(v):
        e, _, rest = v.rpartition(":") if ":" in v else ("0", "", v)
        ver, _, rel = rest.partition("-")
        return (e or "0", ver, rel or "")
    return rpm.labelCompare(evr(a), evr(b))

def pep440(a, b):
    from packaging.version import Version
    x, y = Version(a), Version(b)
    return (x > y) - (x < y)

def pairs(path):
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("!"):
            continue
        if "==" in line:
            vs = [v.strip() for v in line.split("==")]
            for a, b in itertools.combinations(vs, 2):
                yield a, b, 0
        else:
            vs = [v.strip() for v in line.split("<")]
            for a, b in itertools.combinations(vs, 2):
                yield a, b, -1

bad = 0
for name, fn in (("debian", dpkg), ("rpm", rpmcmp), ("pypi", pep440)):
    n = 0
    for a, b, want in pairs(here / f"{name}.txt"):
        n += 1
        try:
            got = fn(a, b)
        except Exception as e:  # a tool that cannot read the version
            got = repr(e)
        if got != want:
            bad += 1
            print(f"{name}: {a} vs {b}: table {want}, tool {got}")
    print(f"{name}: {n} pairs checked")
sys.exit(1 if bad else 0)
