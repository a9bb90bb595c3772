"""Fails when the rules table of docs/lint.md differs from `sqlmodel-migrate lint --list-rules`
(read on stdin): a rule missing from the table or listed that does not exist, or a severity per
dialect that is not the one the rule has.

usage: sqlmodel-migrate lint --list-rules | check_lint_rules_doc.py docs/lint.md
"""
import re
import sys

rules = {}
for line in sys.stdin:
    match = re.match(r"^(\S+) \((.*)\)$", line.rstrip("\n"))
    if match:
        severities = dict(part.split(": ") for part in match.group(2).split(", "))
        rules[match.group(1)] = (severities.get("postgresql", "-"), severities.get("sqlite", "-"))

documented = {}
for line in open(sys.argv[1]):
    match = re.match(r"^\| `([a-z-]+)` \| (error|warning|-) \| (error|warning|-) \|", line)
    if match:
        documented[match.group(1)] = (match.group(2), match.group(3))

problems = []
for rule, severities in rules.items():
    if rule not in documented:
        problems.append("rule %s is not in the table of %s" % (rule, sys.argv[1]))
    elif documented[rule] != severities:
        problems.append("rule %s: the table says %s, the rule has %s" % (rule, documented[rule], severities))
for rule in documented:
    if rule not in rules:
        problems.append("the table lists %s, which is no rule" % rule)
if not rules:
    problems.append("no rules on stdin")
for problem in problems:
    print(problem)
if problems:
    print("%d problem(s)" % len(problems))
    sys.exit(1)
print("ok: %d rules documented with their severities" % len(rules))
