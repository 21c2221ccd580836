#!/usr/bin/env python3
"""Drops, from grown corpora, the objects that kube-score cannot parse.

kube-score stops the whole run when one object of a known kind does not unmarshal into its Go
type (e.g. a Service port given as a string), so it cannot score a corpus that holds one such
object. To give every tool the same input, the benchmark corpora keep only objects that
kube-score parses. Grown copies differ only in namespace and name suffix, so each distinct object
is tried once (kube-score on that one document) and the verdict is reused for every copy.

  parseable.py KUBE_SCORE IN_DIR OUT_DIR
"""
import hashlib, json, os, re, subprocess, sys, tempfile
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SUFFIX = re.compile(r"-k\d+$")


def key(doc):
    d = json.loads(json.dumps(doc, default=str))
    meta = d.get("metadata") if isinstance(d.get("metadata"), dict) else {}
    meta.pop("namespace", None)
    if isinstance(meta.get("name"), str):
        meta["name"] = SUFFIX.sub("", meta["name"])
    return hashlib.sha1(json.dumps(d, sort_keys=True).encode()).hexdigest()


def parses(kube_score, doc, cache, tmp):
    k = key(doc)
    if k not in cache:
        path = os.path.join(tmp, "one.yaml")
        with open(path, "w") as f:
            yaml.dump(doc, f, Dumper=Dumper)
        run = subprocess.run([kube_score, "score", "-o", "json", path], capture_output=True, text=True)
        cache[k] = "Failed to parse" not in run.stderr and "failed to parse" not in run.stderr
    return cache[k]


def main():
    kube_score, src, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    cache_file = os.path.join(os.path.dirname(os.path.abspath(out)), "parseable-cache.json")
    cache = json.load(open(cache_file)) if os.path.exists(cache_file) else {}
    kept = dropped = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(src)):
            docs = [d for d in yaml.load_all(open(os.path.join(src, name)), Loader=Loader) if d]
            good = [d for d in docs if parses(kube_score, d, cache, tmp)]
            kept += len(good)
            dropped += len(docs) - len(good)
            with open(os.path.join(out, name), "w") as f:
                yaml.dump_all(good, f, Dumper=Dumper)
    json.dump(cache, open(cache_file, "w"))
    print(f"{out}: kept {kept} objects, dropped {dropped} that kube-score cannot parse")


if __name__ == "__main__":
    main()
