"""Fails when docs/cli.md misses a verb of `sqlmodel-migrate --help`, an option of a verb's own
--help, or one of the exit codes. Each verb has a "### `sqlmodel-migrate <verb>`" section; its
options must appear in that section as written in --help (`--lock-timeout`, `-m`, ...).

usage: check_cli_docs.py path/to/sqlmodel-migrate docs/cli.md
"""
import re
import subprocess
import sys


def run_help(program, *args):
    result = subprocess.run([program, *args, "--help"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("%s %s --help exited %d: %s" % (program, " ".join(args), result.returncode, result.stderr))
    return result.stdout


def verbs(help_text):
    names = []
    in_list = False
    for line in help_text.splitlines():
        if line.startswith("Subcommands:"):
            in_list = True
            continue
        if in_list:
            match = re.match(r"^  (\S+)", line)
            if match:
                names.append(match.group(1))
            elif line.strip() == "" and names:
                break
    return names


def options(help_text):
    found = []
    for line in help_text.splitlines():
        match = re.match(r"^\s+(-\w)?,?(--[\w-]+)?", line)
        if not match:
            continue
        for option in match.groups():
            if option and option not in ("-h", "--help"):
                found.append(option)
    return found


def sections(text):
    result = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^### `sqlmodel-migrate (\S+)`", line)
        if heading:
            current = heading.group(1)
            result[current] = ""
            continue
        if line.startswith("#"):
            current = None
        elif current is not None:
            result[current] += line + "\n"
    return result


def main():
    program, docs_path = sys.argv[1], sys.argv[2]
    with open(docs_path, encoding="utf-8") as f:
        docs = f.read()
    documented = sections(docs)
    problems = []
    top = run_help(program)
    listed = verbs(top)
    if not listed:
        sys.exit("found no verbs in `sqlmodel-migrate --help`")
    for option in options(top.split("Subcommands:")[0]):
        if "`%s" % option not in docs:
            problems.append("global option %s is not documented" % option)
    for verb in listed:
        if verb not in documented:
            problems.append("verb %s has no \"### `sqlmodel-migrate %s`\" section" % (verb, verb))
            continue
        for option in options(run_help(program, verb).split("Exit codes:")[0]):
            if "`%s" % option not in documented[verb] and option not in ("-c", "--config", "--url"):
                problems.append("option %s of verb %s is not documented in its section" % (option, verb))
    for verb in documented:
        if verb not in listed:
            problems.append("docs describe verb %s, which sqlmodel-migrate does not have" % verb)
    for code in range(6):
        if not re.search(r"^\| `%d` \|" % code, docs, re.M):
            problems.append("exit code %d is not in the exit-code table (\"| `%d` | ...\")" % (code, code))
    for problem in problems:
        print(problem)
    if problems:
        print("%d problem(s)" % len(problems))
        return 1
    print("ok: %d verbs, their options and the exit codes are documented" % len(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
