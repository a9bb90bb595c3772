"""Fails when a relative link in the given Markdown files points to a missing file or to a
heading the target does not have (anchors as GitHub makes them from headings).

usage: check_doc_links.py FILE.md...
"""
import os
import re
import sys

LINK = re.compile(r"\]\(([^)\s]+)\)")


def slug(heading):
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    found = set()
    in_code = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                in_code = not in_code
            elif not in_code and line.startswith("#"):
                found.add(slug(line.lstrip("#")))
    return found


def main():
    problems = []
    checked = 0
    for path in sys.argv[1:]:
        base = os.path.dirname(path)
        with open(path, encoding="utf-8") as f:
            text = re.sub(r"```.*?```", "", f.read(), flags=re.S)
        for target in LINK.findall(text):
            if re.match(r"^[a-z]+:", target):
                continue
            checked += 1
            file_part, _, anchor = target.partition("#")
            resolved = os.path.normpath(os.path.join(base, file_part)) if file_part else path
            if not os.path.exists(resolved):
                problems.append("%s: link to %s: no such file" % (path, target))
                continue
            if anchor and resolved.endswith(".md") and anchor not in anchors(resolved):
                problems.append("%s: link to %s: %s has no heading with that anchor" % (path, target, resolved))
    for problem in problems:
        print(problem)
    if problems:
        print("%d problem(s)" % len(problems))
        return 1
    print("ok: %d links" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
