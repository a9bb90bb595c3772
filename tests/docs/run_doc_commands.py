#!/usr/bin/env python3
"""Runs the shell commands of the documentation as written, so that they cannot drift.

Every fenced block tagged sh, bash, shell or console in README.md, docs/*.md and
examples/*/README.md must be preceded (the line before its fence) by a marker:

    <!-- doc-test: run in=app -->          run it in the scratch project `app`
    <!-- doc-test: run in=repo postgres --> run it in `repo`, with a PostgreSQL database
    <!-- doc-test: skip REASON -->         do not run it; REASON says why (required)

A block without one fails this test: whoever adds a command decides, visibly, whether it
runs. The convention for writers is at the top of docs/README.md; this docstring is the
reference.

Where a block runs (in=):
  app    a new user project (tests/docs/app: CMakeLists.txt with find_package(sqlmodel) and
         sqlmodel_add_models(app MODELS include/app/models.hpp), blog models, src/main.cpp),
         configured and built once against the installed prefix (`cmake -S . -B build`,
         `cmake --build build`). Each page starts from its pristine sources (build/ kept).
  repo   the repository after a build: its sources, and build/ with the built tools
         (build/clang-plugin, build/migration-runner, build/tools, build/examples and
         compile_commands.json). Files the commands write stay in the scratch copy.
The blocks of one page that run in the same place run in page order, one after another, so a
page can set up what its later blocks use (init, then revision, then upgrade).

Options after in=:
  init      (app) the project has run `sqlmodel-migrate init` before the page's blocks: it has
            a sqlmodel.toml naming build/app.schema.json, and an empty migrations/.
  postgres  PG_URL and URL name a fresh PostgreSQL database of the page's own (needs
            $SQLMODEL_TEST_PG_URL, from tools/with-postgres.sh; without it the block is
            skipped, or fails when $CI is set).

How a block runs: bash, in the place's directory, with the installed tools first on PATH,
CMAKE_PREFIX_PATH and PKG_CONFIG_PATH naming the installed prefix, and no
SQLMODEL_DATABASE_URL. Each command (a line, with its backslash continuations) must exit 0,
or the code its trailing comment names: `cmd   # exit 1: FAIL: ...`. A block with a heredoc
runs as one script under `set -e`. Placeholders are filled in first: `<prefix>` and
`/opt/sqlmodel` become the installed prefix.

usage: run_doc_commands.py --source DIR --build DIR --prefix DIR --work DIR [--list] [FILE...]
Exit codes: 0 every block ran (or was skipped as marked); 1 a block failed or is unmarked.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time

COMMAND_LANGUAGES = {"sh", "bash", "shell", "console"}
PLACES = {"app", "repo"}
OPTIONS = {"postgres", "init"}
MARKER = re.compile(r"^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^`\s]*)")
EXPECTED_EXIT = re.compile(r"#\s*exit\s+(\d+)\b")
PSQL = "/usr/lib/postgresql/15/bin/psql"


class Block:
    def __init__(self, page, line, language, text, marker):
        self.page = page          # path relative to the source root
        self.line = line          # 1-based line of the opening fence
        self.language = language
        self.text = text
        self.marker = marker      # the marker's text, or None
        self.action = None        # "run" or "skip"
        self.place = None
        self.options = set()
        self.reason = ""
        self.problem = None

    @property
    def where(self):
        return "%s:%d" % (self.page, self.line)


def parse_marker(block):
    if block.marker is None:
        block.problem = ("a ```%s block without a doc-test marker: put `<!-- doc-test: run in=app -->` "
                         "(or in=repo) or `<!-- doc-test: skip REASON -->` on the line before its fence "
                         "(docs/README.md says how)" % block.language)
        return
    words = block.marker.split()
    if not words or words[0] not in ("run", "skip"):
        block.problem = "doc-test marker %r: it starts with run or skip" % block.marker
        return
    block.action = words[0]
    if block.action == "skip":
        block.reason = " ".join(words[1:])
        if not block.reason:
            block.problem = "doc-test: skip needs a reason (<!-- doc-test: skip why it cannot run -->)"
        return
    for word in words[1:]:
        if word.startswith("in="):
            block.place = word[3:]
        elif word in OPTIONS:
            block.options.add(word)
        else:
            block.problem = "doc-test marker %r: unknown word %r (known: in=%s, %s)" % (
                block.marker, word, "|".join(sorted(PLACES)), ", ".join(sorted(OPTIONS)))
            return
    if block.place not in PLACES:
        block.problem = "doc-test marker %r: say where it runs, in=%s" % (block.marker, "|".join(sorted(PLACES)))


def read_blocks(path, page):
    """The fenced blocks of a Markdown file, with the marker on the line before each."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence, language = opening.group(1), opening.group(2), opening.group(3).lower()
        body = []
        j = i + 1
        while j < len(lines):
            closing = lines[j].strip()
            if closing.startswith(fence[0] * len(fence)) and closing.strip(fence[0]) == "":
                break
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        if language in COMMAND_LANGUAGES:
            k = i - 1
            while k >= 0 and lines[k].strip() == "":
                k -= 1
            marker = MARKER.match(lines[k]) if k >= 0 else None
            block = Block(page, i + 1, language, "\n".join(body), marker.group(1) if marker else None)
            parse_marker(block)
            blocks.append(block)
        i = j + 1
    return blocks


def logical_commands(text):
    """(first line offset, command) for each command of a block: continuation lines joined."""
    commands = []
    current, start = [], 0
    for offset, line in enumerate(text.split("\n")):
        if not current:
            start = offset
            if line.strip() == "" or line.lstrip().startswith("#"):
                continue
        current.append(line)
        if not line.rstrip().endswith("\\"):
            commands.append((start, "\n".join(current)))
            current = []
    if current:
        commands.append((start, "\n".join(current)))
    return commands


def script_for(block, text):
    """A bash script that runs each command and checks its exit code."""
    header = "set -o pipefail\n"
    if "<<" in text:
        return header + "set -e\n" + text + "\n"
    parts = [header]
    for offset, command in logical_commands(text):
        last_line = command.split("\n")[-1]
        expected = EXPECTED_EXIT.search(last_line)
        code = int(expected.group(1)) if expected else 0
        where = "%s:%d" % (block.page, block.line + 1 + offset)
        parts.append(command + "\n")
        parts.append(
            "__doc_status=$?; if [ $__doc_status -ne %d ]; then echo 'doc-test: %s: exited '$__doc_status', "
            "expected %d' >&2; exit 1; fi\n" % (code, where.replace("'", ""), code))
    return "".join(parts)


def fill_placeholders(text, prefix):
    return text.replace("<prefix>", prefix).replace("/opt/sqlmodel", prefix)


class Runner:
    def __init__(self, args):
        self.source = os.path.abspath(args.source)
        self.build = os.path.abspath(args.build)
        self.prefix = os.path.abspath(args.prefix)
        self.work = os.path.abspath(args.work)
        self.environment = dict(os.environ)
        self.environment.pop("SQLMODEL_DATABASE_URL", None)
        self.environment["PATH"] = os.pathsep.join([os.path.join(self.prefix, "bin"), os.environ.get("PATH", "")])
        self.environment["CMAKE_PREFIX_PATH"] = self.prefix
        self.environment["PKG_CONFIG_PATH"] = os.path.join(self.prefix, "lib", "pkgconfig")
        self.environment["CMAKE_GENERATOR"] = "Ninja"
        self.app_ready = False

    def log(self, message):
        print(message, flush=True)

    def run_quietly(self, command, cwd, what):
        completed = subprocess.run(command, cwd=cwd, env=self.environment, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError("%s failed (exit %d):\n%s%s" % (what, completed.returncode, completed.stdout,
                                                              completed.stderr))
        return completed.stdout

    # ---- places ----------------------------------------------------------------------------

    def app_dir(self):
        return os.path.join(self.work, "app")

    def fresh_app(self):
        """The app project as its sources are, over the build/ configured once."""
        app = self.app_dir()
        fixture = os.path.join(self.source, "tests", "docs", "app")
        if not self.app_ready:
            shutil.rmtree(app, ignore_errors=True)
        os.makedirs(app, exist_ok=True)
        for name in os.listdir(app):
            if name != "build":
                path = os.path.join(app, name)
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
        # copytree keeps no timestamps with copy_function=copy: the next build sees the
        # sources as new, as after a checkout.
        shutil.copytree(fixture, app, dirs_exist_ok=True, copy_function=shutil.copy)
        if not self.app_ready:
            started = time.time()
            self.run_quietly(["cmake", "-S", ".", "-B", "build"], app, "configuring the app project")
            self.run_quietly(["cmake", "--build", "build"], app, "building the app project")
            self.app_ready = True
            self.log("  (app project configured and built in %.1f s)" % (time.time() - started))
        return app

    def fresh_repo(self, page_key):
        repo = os.path.join(self.work, "repo-" + page_key)
        shutil.rmtree(repo, ignore_errors=True)
        os.makedirs(os.path.join(repo, "build"))
        for name in os.listdir(self.source):
            if name in ("build", ".git") or name.startswith("."):
                continue
            os.symlink(os.path.join(self.source, name), os.path.join(repo, name))
        for name in ("clang-plugin", "migration-runner", "tools", "examples", "compile_commands.json"):
            if os.path.exists(os.path.join(self.build, name)):
                os.symlink(os.path.join(self.build, name), os.path.join(repo, "build", name))
        return repo

    def fresh_database(self, page_key):
        server = os.environ.get("SQLMODEL_TEST_PG_URL", "")
        name = "doc_" + re.sub(r"[^a-z0-9_]", "_", page_key.lower())
        helper = os.path.join(self.source, "tests", "lit", "support", "pg_fresh_database.py")
        return self.run_quietly([sys.executable, helper, name], self.work, "creating database " + name).strip() \
            if server else None

    # ---- one page --------------------------------------------------------------------------

    def run_page(self, page, blocks):
        page_key = re.sub(r"[^A-Za-z0-9]+", "_", page).strip("_")
        places = {}
        database = None
        failures = 0
        for block in blocks:
            if block.action != "run":
                continue
            if "postgres" in block.options:
                if database is None:
                    database = self.fresh_database(page_key)
                if not database:
                    if truthy(os.environ.get("CI", "")):
                        self.log("FAIL %s: needs PostgreSQL and $SQLMODEL_TEST_PG_URL is not set (CI)" % block.where)
                        failures += 1
                    else:
                        self.log("skip %s: needs PostgreSQL (run under tools/with-postgres.sh)" % block.where)
                    continue
            if block.place not in places:
                places[block.place] = self.fresh_app() if block.place == "app" else self.fresh_repo(page_key)
                if "init" in block.options:
                    self.run_quietly(["sqlmodel-migrate", "init"], places[block.place], "sqlmodel-migrate init")
            environment = dict(self.environment)
            if database:
                environment["PG_URL"] = environment["URL"] = database
            text = fill_placeholders(block.text, self.prefix)
            started = time.time()
            completed = subprocess.run(["bash", "-c", script_for(block, text)], cwd=places[block.place],
                                       env=environment, capture_output=True, text=True)
            elapsed = time.time() - started
            if completed.returncode == 0:
                self.log("ok   %s (in=%s, %.1f s)" % (block.where, block.place, elapsed))
                continue
            failures += 1
            self.log("FAIL %s (in=%s, %.1f s): the block\n%s\nprinted:\n%s%s" % (
                block.where, block.place, elapsed, indent(text), indent(completed.stdout),
                indent(completed.stderr)))
        return failures


def truthy(value):
    return value != "" and value.lower() not in ("0", "false")


def indent(text):
    return "".join("    | " + line + "\n" for line in text.rstrip("\n").split("\n")) if text.strip() else ""


def documentation_pages(source):
    pages = ["README.md"]
    pages += sorted(os.path.relpath(p, source) for p in glob.glob(os.path.join(source, "docs", "*.md")))
    pages += sorted(os.path.relpath(p, source) for p in glob.glob(os.path.join(source, "examples", "*", "README.md")))
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--list", action="store_true", help="list the blocks and what happens to each; run nothing")
    parser.add_argument("pages", nargs="*", help="pages relative to --source (default: all)")
    args = parser.parse_args()

    pages = args.pages or documentation_pages(args.source)
    by_page = [(page, read_blocks(os.path.join(args.source, page), page)) for page in pages]
    problems = [block for _, blocks in by_page for block in blocks if block.problem]
    for block in problems:
        print("FAIL %s: %s" % (block.where, block.problem))
    if args.list:
        for page, blocks in by_page:
            for block in blocks:
                what = block.problem and "unmarked" or (
                    "run in=%s%s" % (block.place, "".join(" " + o for o in sorted(block.options)))
                    if block.action == "run" else "skip: " + block.reason)
                print("%s: %s" % (block.where, what))
        return 1 if problems else 0
    if problems:
        return 1

    if not os.path.isdir(os.path.join(args.prefix, "bin")):
        print("FAIL: no installed prefix at %s (the CTest fixture install.prefix makes it)" % args.prefix)
        return 1
    os.makedirs(args.work, exist_ok=True)
    runner = Runner(args)
    started = time.time()
    failures = 0
    counts = {"run": 0, "skip": 0}
    for page, blocks in by_page:
        for block in blocks:
            counts[block.action] += 1
        if not any(block.action == "run" for block in blocks):
            continue
        runner.log("%s" % page)
        try:
            failures += runner.run_page(page, blocks)
        except RuntimeError as error:
            runner.log("FAIL %s: %s" % (page, error))
            failures += 1
    print("%d command block(s) run, %d skipped as marked, %d failed, in %.1f s" % (
        counts["run"], counts["skip"], failures, time.time() - started))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
