#!/usr/bin/env python3
"""Renames repeated objects of a grown corpus so that every (apiVersion group, kind, namespace,
name) is unique, as in a real cluster.

grow-corpus.py copies whole projects, and several projects use the same names in the same
namespace ("default"); kyverno's CLI loads all objects into a fake API server and panics on the
second object of one name. A repeated object gets the suffix "-dN" (the first one keeps its name),
so every tool still sees every object. Names stay valid DNS names (at most 253 characters).

  unique.py IN_DIR OUT_DIR
"""
import os, sys
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    seen = set()
    renamed = total = 0
    for name in sorted(os.listdir(src)):
        if not name.endswith((".yaml", ".yml")):
            continue
        docs = []
        with open(os.path.join(src, name)) as f:
            for doc in yaml.load_all(f, Loader=Loader):
                if not isinstance(doc, dict):
                    continue
                total += 1
                meta = doc.get("metadata")
                if isinstance(meta, dict) and isinstance(meta.get("name"), str):
                    group = str(doc.get("apiVersion", "")).rpartition("/")[0]
                    key = (group, doc.get("kind"), meta.get("namespace") or "default")
                    base, n = meta["name"], 1
                    while (key, meta["name"]) in seen:
                        n += 1
                        meta["name"] = f"{base[:240]}-d{n}"
                    renamed += n > 1
                    seen.add((key, meta["name"]))
                docs.append(doc)
        with open(os.path.join(dst, name), "w") as f:
            yaml.dump_all(docs, f, Dumper=Dumper, sort_keys=False)
    print(f"{total} objects, {renamed} renamed", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
