"""Fails when docs/annotations.md and include/sqlmodel/annotations.hpp disagree: every member
of an option struct (Table, Model, Field, Relationship, Index, Unique, Check) must have a
"### `.member`" heading under the "## `SQLMODEL_<KIND>`" section, and every such heading must
name a member that exists.

usage: check_annotation_docs.py annotations.hpp annotations.md
"""
import re
import sys

MACROS = {
    "Table": "SQLMODEL_TABLE",
    "Model": "SQLMODEL_MODEL",
    "Field": "SQLMODEL_FIELD",
    "Relationship": "SQLMODEL_RELATIONSHIP",
    "Index": "SQLMODEL_INDEX",
    "Unique": "SQLMODEL_UNIQUE",
    "Check": "SQLMODEL_CHECK",
}
MEMBER = re.compile(r"^\s*(?:const\s+)?[\w:]+(?:\s*\*)?\s+(\w+)\s*(?:\[[^\]]*\])?\s*(?:=[^;]*)?;")


def header_options(text):
    options = {}
    for struct, body in re.findall(r"^struct (\w+) \{\n(.*?)^\};", text, re.M | re.S):
        if struct not in MACROS:
            continue
        members = []
        for line in body.splitlines():
            code = line.split("//", 1)[0]
            match = MEMBER.match(code)
            if match:
                members.append(match.group(1))
        options[MACROS[struct]] = members
    missing = set(MACROS.values()) - set(options)
    if missing:
        sys.exit("cannot find the option structs of %s in the header" % ", ".join(sorted(missing)))
    return options


def documented_options(text):
    sections = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^## `(SQLMODEL_\w+)`\s*$", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
            continue
        if line.startswith("## "):
            current = None
            continue
        option = re.match(r"^### `\.(\w+)`\s*$", line)
        if option and current is not None:
            current.append(option.group(1))
    return sections


def main():
    header_path, docs_path = sys.argv[1], sys.argv[2]
    with open(header_path, encoding="utf-8") as f:
        in_header = header_options(f.read())
    with open(docs_path, encoding="utf-8") as f:
        in_docs = documented_options(f.read())
    problems = []
    for macro, members in sorted(in_header.items()):
        documented = in_docs.get(macro)
        if documented is None:
            problems.append("%s: no \"## `%s`\" section in %s" % (macro, macro, docs_path))
            continue
        for member in members:
            if member not in documented:
                problems.append("%s: option .%s (in %s) is not documented: add \"### `.%s`\""
                                % (macro, member, header_path, member))
        for member in documented:
            if member not in members:
                problems.append("%s: %s documents .%s, which the header does not have"
                                % (macro, docs_path, member))
            elif documented.count(member) > 1:
                problems.append("%s: .%s is documented twice" % (macro, member))
    for problem in problems:
        print(problem)
    total = sum(len(members) for members in in_header.values())
    if problems:
        print("%d problem(s)" % len(problems))
        return 1
    print("ok: all %d options of %d annotations are documented" % (total, len(in_header)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
