"""Fails when docs/annotations.md's table of checks and the plugin's registry
(`sqlmodel-check --list-checks`, from clang-plugin/lib/diagnostic_kinds.def) disagree: every
registered check has a row with its severity and whether it can be turned off, and every row
names a registered check.

usage: check_checks_docs.py LIST_CHECKS_OUTPUT annotations.md
"""
import re
import sys


def registered(path):
    checks = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, severity, _summary = line.rstrip("\n").split("\t", 2)
            fixed = severity.endswith("(cannot be turned off)")
            checks[name[len("sqlmodel-"):]] = (severity.split()[0], "no" if fixed else "yes")
    return checks


def documented(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            match = re.match(r"^\| `([a-z-]+)` \| (error|warning) \| (yes|no) \| .+ \|$", line.rstrip("\n"))
            if match:
                rows[match.group(1)] = (match.group(2), match.group(3))
    return rows


def main():
    checks, rows = registered(sys.argv[1]), documented(sys.argv[2])
    problems = []
    for name, expected in checks.items():
        if name not in rows:
            problems.append("check %s is not in the table of checks" % name)
        elif rows[name] != expected:
            problems.append("check %s is %s/%s in the table but %s/%s in the registry" % ((name,) + rows[name] + expected))
    for name in rows:
        if name not in checks:
            problems.append("the table of checks lists %s, which is not registered" % name)
    for problem in problems:
        print(problem)
    if problems:
        print("%d problem(s)" % len(problems))
        return 1
    print("ok: all %d checks are documented" % len(checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
