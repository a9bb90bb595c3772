"""Checks the shape of `sqlmodel-migrate lint --format json` as docs/lint.md documents it and
prints a one-line summary; exits 1 naming the first key that is missing or of the wrong type."""
import json
import sys

FINDING = {
    "rule": str, "severity": str, "dialect": str, "file": str, "revision": str, "direction": str,
    "step": int, "path": str, "operation": str, "sql": list, "message": str, "why": str, "instead": str,
    "acknowledged": bool,
}


def expect(condition, what):
    if not condition:
        sys.exit("bad lint JSON: " + what)


report = json.load(open(sys.argv[1]))
expect(list(report) == ["format", "dialects", "revisions", "summary", "findings", "unused_acknowledgements"],
       "top-level keys %s" % list(report))
expect(report["format"] == 1, "format")
expect(report["dialects"] == ["postgresql", "sqlite"], "dialects")
summary = report["summary"]
expect(set(summary) == {"errors", "warnings", "acknowledged"}, "summary keys")
for finding in report["findings"]:
    for key, kind in FINDING.items():
        expect(isinstance(finding.get(key), kind), "finding key %s in %s" % (key, finding))
    expect(("reason" in finding) == finding["acknowledged"], "reason only when acknowledged")
    expect(finding["severity"] in ("error", "warning"), "severity")
    expect(finding["direction"] in ("upgrade", "downgrade"), "direction")
    expect(finding["path"] == "/%s/%d" % (finding["direction"], finding["step"]), "path")
    expect(all(isinstance(s, str) and s for s in finding["sql"]), "sql statements")
    expect(finding["file"].endswith(".json") and finding["revision"] in finding["file"], "file")
unacknowledged = [f for f in report["findings"] if not f["acknowledged"]]
expect(summary["errors"] == sum(f["severity"] == "error" for f in unacknowledged), "errors count")
expect(summary["warnings"] == sum(f["severity"] == "warning" for f in unacknowledged), "warnings count")
expect(summary["acknowledged"] == len(report["findings"]) - len(unacknowledged), "acknowledged count")
print("ok: %d revisions, %d errors, %d warnings, %d acknowledged, %d findings of %d rules"
      % (len(report["revisions"]), summary["errors"], summary["warnings"], summary["acknowledged"],
         len(report["findings"]), len({f["rule"] for f in report["findings"]})))
