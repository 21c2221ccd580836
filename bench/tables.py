#!/usr/bin/env python3
"""Markdown tables from bench/run.py results: one table per corpus, medians, and kube4c's ratio
to the fastest peer (by wall time and by CPU time) and to the lowest peer peak RSS.

  tables.py results.json [results-trivy.json ...] > tables.md
"""
import json, sys

OBJECTS = {"p1k": "1k objects (997 after the kube-score filter)", "p10k": "10k objects (9,981)",
           "p100k": "100k objects (99,812)",
           "u1k": "1k objects (997; names made unique)", "u10k": "10k objects (9,981; names made unique)",
           "u100k": "100k objects (99,812; names made unique)", "corpus": "the corpus as is (3,894 objects in 2,463 files, with Helm charts and broken files)"}


def fmt(x, unit):
    return "—" if x is None else (f"{x:,.0f} {unit}" if x >= 100 else f"{x:.2f} {unit}")


def main():
    merged = {}
    for path in sys.argv[1:]:
        for corpus, tools in json.load(open(path)).items():
            for name, data in tools.items():  # the first file wins: later series add tools, not replace
                merged.setdefault(corpus, {}).setdefault(name, data)
    for corpus in ("u1k", "u10k", "u100k", "p1k", "corpus", "p10k", "p100k"):
        if corpus not in merged:
            continue
        tools = merged[corpus]
        print(f"\n### {OBJECTS.get(corpus, corpus)}\n")
        print("| tool | runs | wall (median) | CPU user+sys (median) | peak RSS (median) | exit | note |")
        print("|---|---:|---:|---:|---:|---:|---|")
        ok = {}
        for name, t in tools.items():
            runs = t["runs"]
            done = [r for r in runs if "wall" in r]
            med = t["median"]
            exits = sorted({r["exit"] for r in done})
            note = ""
            if any("timeout" in r for r in runs):
                note = f"stopped after {runs[-1]['timeout']:.0f} s"
            failed = done and all(r["cpu"] < 0.3 for r in done) and name != "kube4c" and exits != [0]
            if failed:
                note = "aborted: cannot read the input (see notes)"
            elif med:
                ok[name] = med
            print(f"| {name} | {len(done)} | {fmt(med and med['wall'], 's')} | {fmt(med and med['cpu'], 's')} | "
                  f"{fmt(med and med['rss_mib'], 'MiB')} | {','.join(map(str, exits))} | {note} |")
        for label, exclude in (("peer", set()), ("security scanner (without kubeconform, which only validates schemas)", {"kubeconform"})):
            peers = {k: v for k, v in ok.items() if k != "kube4c" and k not in exclude}
            if "kube4c" not in ok or not peers:
                continue
            k = ok["kube4c"]
            fw = min(peers, key=lambda p: peers[p]["wall"])
            fc = min(peers, key=lambda p: peers[p]["cpu"])
            fr = min(peers, key=lambda p: peers[p]["rss_mib"])
            print(f"\nkube4c vs the fastest {label}: wall {peers[fw]['wall'] / k['wall']:.2f}× ({fw}), "
                  f"CPU {peers[fc]['cpu'] / k['cpu']:.2f}× ({fc}) (above 1: kube4c is faster); "
                  f"peak RSS {k['rss_mib'] / peers[fr]['rss_mib']:.2f}× the lowest ({fr}).")

if __name__ == "__main__":
    main()
