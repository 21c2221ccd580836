#!/usr/bin/env bash
# Side by side with govulncheck (binary mode) on a Go binary built with an old golang.org/x/text,
# both reading the same golang.org/x/vulndb records offline. Needs Go, the records
# (.ci/install-vulndb.sh) and network access to the Go module proxy for the first build.
set -euo pipefail
cd "$(dirname "$0")/../.."
VULNDB=${KUBE4C_VULNDB_DIR:-/var/cache/kube4c/vulndb}/osv
WORK=${WORK:-/tmp/kube4c-govulncheck}
mkdir -p "$WORK/app" "$WORK/bin"
[ -x "$WORK/bin/govulncheck" ] || GOBIN="$WORK/bin" nice go install golang.org/x/vuln/cmd/govulncheck@v1.9.0
cp bench/vulns/oldtext-main.go "$WORK/app/main.go"
printf 'module example.com/oldtext\n\ngo 1.22\n\nrequire golang.org/x/text v0.3.6\n' > "$WORK/app/go.mod"
(cd "$WORK/app" && GOFLAGS=-mod=mod nice go build -o oldtext .)
# govulncheck reads a database in its served layout (index/ + ID/); build it from the same records
python3 - "$VULNDB" "$WORK/db" <<'PY'
import glob, json, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out + "/index", exist_ok=True); os.makedirs(out + "/ID", exist_ok=True)
mods, vulns = {}, []
for f in sorted(glob.glob(src + "/*.json")):
    d = json.load(open(f))
    mod = d["modified"] if d.get("modified", "").startswith("2") else "2026-11-05T00:00:00Z"
    d["modified"] = mod
    json.dump(d, open(out + "/ID/" + d["id"] + ".json", "w"))
    vulns.append({"id": d["id"], "modified": mod, "aliases": d.get("aliases", [])})
    for a in d.get("affected", []):
        fixed = [e["fixed"] for r in a.get("ranges", []) for e in r.get("events", []) if "fixed" in e]
        entry = {"id": d["id"], "modified": mod}
        if fixed:
            entry["fixed"] = fixed[-1]
        mods.setdefault(a["package"]["name"], []).append(entry)
json.dump({"modified": "2026-11-05T00:00:00Z"}, open(out + "/index/db.json", "w"))
json.dump([{"path": p, "vulns": v} for p, v in sorted(mods.items())], open(out + "/index/modules.json", "w"))
json.dump(vulns, open(out + "/index/vulns.json", "w"))
PY
"$WORK/bin/govulncheck" -db "file://$WORK/db" -mode binary -format json "$WORK/app/oldtext" > "$WORK/govulncheck.json" || true
go version -m "$WORK/app/oldtext"
echo "govulncheck findings (OSV id, module, deepest level) are in $WORK/govulncheck.json;"
echo "kube4c's matches of the same modules: see bench/RESULTS.md, section Vulnerabilities."
