"""squawk, the reference linter for PostgreSQL migrations, against `sqlmodel-migrate lint`.

A chain of model versions, one naive change each (an index, a foreign key, a check, SET NOT
NULL, a volatile default, a type change, a unique constraint, renames, drops...), becomes
migrations through `revision`. Each revision's PostgreSQL SQL (`sqlmodel-migrate sql PREV:REV
--dialect postgresql`) goes through squawk, installed from npm at the pinned version by
tools/squawk.sh. Every locking problem squawk reports must be a finding of `lint --format json
--dialect postgresql` on the same step: the step whose rendered SQL holds the statement squawk
points at. squawk rules that are not about locks are listed with the reason they are not
compared; a rule in neither list fails the test, so a new squawk version is looked at.

Where squawk is less precise than lint, the test checks lint's reason instead of a match:
  - require-lock-timeout on a new object (CREATE TYPE, a CREATE TABLE that references no
    existing table) or a table created earlier in the same revision: no other session can see
    it yet, so nothing can wait for its lock;
  - changing-column-type on a widening PostgreSQL does without a rewrite (varchar(n) to
    varchar(m > n)): lint reports the brief ACCESS EXCLUSIVE lock as missing-lock-timeout
    and must not claim a rewrite.

usage: lint_squawk_agreement.py SQLMODEL_MIGRATE SQUAWK_INSTALLER BUILD_DIR WORK_DIR
Exit 0 when they agree, 1 when not, 77 (skipped) when squawk cannot be installed, unless CI is
set: then a missing squawk fails the test.
"""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import time

# squawk rule -> the lint rules that report the same problem.
COMPARED = {
    # locks
    "require-concurrent-index-creation": {"create-index-without-concurrently"},
    "require-concurrent-index-deletion": {"drop-index-without-concurrently"},
    "ban-concurrent-index-creation-in-transaction": {"concurrently-in-transaction"},
    "adding-foreign-key-constraint": {"add-foreign-key-without-not-valid"},
    # Also on ADD ... UNIQUE, which PostgreSQL cannot add NOT VALID: the problem is the same
    # scan under a lock, which add-unique-constraint reports with the way around it.
    "constraint-missing-not-valid": {"add-foreign-key-without-not-valid", "add-check-without-not-valid",
                                     "add-unique-constraint"},
    "disallowed-unique-constraint": {"add-unique-constraint"},
    "adding-serial-primary-key-field": {"add-unique-constraint", "volatile-default-on-existing-table"},
    "adding-not-nullable-field": {"set-not-null"},
    # An enum value removed or moved converts every column of the type.
    "changing-column-type": {"type-change-rewrites-table", "type-change-narrows", "enum-value-removed",
                             "enum-values-reordered"},
    "adding-field-with-default": {"volatile-default-on-existing-table"},
    "require-lock-timeout": {"missing-lock-timeout"},
    # not locks, but lint reports them too
    "ban-drop-column": {"drop-column"},
    "ban-drop-table": {"drop-table"},
    "renaming-column": {"rename-column"},
    "renaming-table": {"rename-table"},
    "adding-required-field": {"add-column-not-null-without-default"},
}
NOT_COMPARED = {
    "prefer-text-field": "advice on which type to choose when creating a column, not a problem of the step",
    "prefer-bigint-over-int": "advice on which type to choose, not a problem of the step",
    "prefer-bigint-over-smallint": "advice on which type to choose, not a problem of the step",
    "prefer-identity": "advice on which type to choose, not a problem of the step",
    "prefer-timestamptz": "advice on which type to choose, not a problem of the step",
    "ban-char-field": "advice on which type to choose, not a problem of the step",
    "prefer-robust-stmts": "asks for IF NOT EXISTS; a revision runs once, recorded in the version table",
    "require-statement-timeout": "how long a statement may run, not a lock; the statements that hold "
    "a lock for long (rewrites, scans, index builds) are lint rules of their own",
    "ban-drop-not-null": "relaxes a constraint; no lock beyond the brief one missing-lock-timeout covers",
    "transaction-nesting": "about the file's BEGIN/COMMIT, which sqlmodel-migrate writes itself",
    "ban-uncommitted-transaction": "about the file's BEGIN/COMMIT, which sqlmodel-migrate writes itself",
}
# The locking rules the chain below must make squawk report, so agreement is never vacuous.
EXPECTED_FROM_SQUAWK = {
    "require-concurrent-index-creation",
    "require-concurrent-index-deletion",
    "adding-foreign-key-constraint",
    "constraint-missing-not-valid",
    "adding-not-nullable-field",
    "changing-column-type",
    "adding-field-with-default",
    "require-lock-timeout",
    "disallowed-unique-constraint",
}


def column(name, type_, nullable, **extra):
    return dict(name=name, type=type_, nullable=nullable, **extra)


def base_schema():
    return {
        "format": 1,
        "enums": [{"name": "userstatus", "values": ["active", "suspended", "archived"]}],
        "tables": [
            {
                "name": "posts",
                "columns": [
                    column("id", "int64", False, autoincrement=True),
                    column("user_id", "int64", False),
                    column("title", "string(200)", False),
                    column("body", "string", True),
                ],
                "primary_key": {"name": "pk_posts", "columns": ["id"]},
                "indexes": [{"name": "ix_posts_user_id", "columns": ["user_id"]}],
            },
            {
                "name": "tags",
                "columns": [column("id", "int64", False, autoincrement=True), column("label", "string(50)", False)],
                "primary_key": {"name": "pk_tags", "columns": ["id"]},
            },
            {
                "name": "users",
                "columns": [
                    column("id", "int64", False, autoincrement=True),
                    column("email", "string(255)", False),
                    column("name", "string(100)", True),
                    column("age", "int32", True),
                    column("status", "enum(userstatus)", False),
                ],
                "primary_key": {"name": "pk_users", "columns": ["id"]},
            },
        ],
    }


def table(schema, name):
    return next(t for t in schema["tables"] if t["name"] == name)


def col(schema, table_name, name):
    return next(c for c in table(schema, table_name)["columns"] if c["name"] == name)


def change(message):
    def register(function):
        CHAIN.append((message, function))
        return function

    return register


CHAIN = []


@change("index users email")
def _(s):
    table(s, "users")["indexes"] = [{"name": "ix_users_email", "columns": ["email"]}]


@change("posts user foreign key")
def _(s):
    table(s, "posts")["foreign_keys"] = [
        {"name": "fk_posts_user_id_users", "columns": ["user_id"], "referred_table": "users",
         "referred_columns": ["id"], "on_delete": "cascade", "on_update": "no_action"}]


@change("users age check")
def _(s):
    table(s, "users")["check_constraints"] = [{"name": "ck_users_age_nonnegative", "expression": "age >= 0"}]


@change("users name not null")
def _(s):
    col(s, "users", "name")["nullable"] = False


@change("users login count with a constant default")
def _(s):
    table(s, "users")["columns"].append(column("login_count", "int64", False, server_default="0"))


@change("users token with a volatile default")
def _(s):
    table(s, "users")["columns"].append(column("token", "uuid", True, server_default="gen_random_uuid()"))


@change("users locale not null without default")
def _(s):
    table(s, "users")["columns"].append(column("locale", "string(10)", False))


@change("users age to int64")
def _(s):
    col(s, "users", "age")["type"] = "int64"


@change("posts title wider")
def _(s):
    col(s, "posts", "title")["type"] = "string(300)"


@change("users email unique")
def _(s):
    table(s, "users")["unique_constraints"] = [{"name": "uq_users_email", "columns": ["email"]}]


@change("drop users email index")
def _(s):
    del table(s, "users")["indexes"]


@change("rename posts body")
def _(s):
    c = col(s, "posts", "body")
    c["name"], c["renamed_from"] = "content", "body"


@change("drop users age")
def _(s):
    users = table(s, "users")
    users["columns"] = [c for c in users["columns"] if c["name"] != "age"]
    del users["check_constraints"]


@change("rename posts to articles")
def _(s):
    table(s, "posts")["renamed_from"] = "posts"
    table(s, "posts")["name"] = "articles"


@change("drop tags")
def _(s):
    s["tables"] = [t for t in s["tables"] if t["name"] != "tags"]


@change("users status without archived")
def _(s):
    s["enums"][0]["values"] = ["active", "suspended"]


def run(*command, check=True):
    result = subprocess.run(command, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit("%s exited %d\n%s%s" % (" ".join(command), result.returncode, result.stdout, result.stderr))
    return result


def truthy(name):
    value = os.environ.get(name, "")
    return value != "" and value.lower() not in ("0", "false")


_LOCALE = {"name": "locale", "type": "string(10)", "nullable": False}
# Changes `revision` refuses to write, with the steps a user would write by hand instead.
HAND_WRITTEN = {
    "users locale not null without default": (
        [{"op": "add_column", "table": "users", "column": _LOCALE}],
        [{"op": "drop_column", "table": "users", "column": _LOCALE}],
    ),
}


def write_chain(migrate, work):
    """The migrations directory: one autogenerated revision per model version. Returns the ids."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "build"))
    config = os.path.join(work, "sqlmodel.toml")
    run(migrate, "-c", config, "--url", "postgresql://nobody@127.0.0.1:1/none", "init",
        "--snapshot", "build/models.schema.json")
    schema = base_schema()
    steps = [("create tables", lambda s: None)] + CHAIN
    revisions = []
    for number, (message, edit) in enumerate(steps, start=1):
        schema = copy.deepcopy(schema)
        edit(schema)
        # renamed_from is a hint for one diff only.
        with open(os.path.join(work, "build", "models.schema.json"), "w") as out:
            json.dump(schema, out, indent=2)
        revision = "%012x" % number
        if message in HAND_WRITTEN:
            # revision refuses to write it (the upgrade would fail on a table with rows): written
            # by hand into an empty revision, as a user who insists would.
            run(migrate, "-c", config, "revision", "--empty", "-m", message, "--rev-id", revision)
            directory = os.path.join(work, "migrations")
            [name] = [f for f in os.listdir(directory) if "_%s_" % revision in f]
            with open(os.path.join(directory, name)) as source:
                document = json.load(source)
            document["upgrade"], document["downgrade"] = HAND_WRITTEN[message]
            with open(os.path.join(directory, name), "w") as out:
                json.dump(document, out, indent=2)
        else:
            run(migrate, "-c", config, "revision", "-m", message, "--rev-id", revision)
        for t in schema["tables"]:
            t.pop("renamed_from", None)
            for c in t["columns"]:
                c.pop("renamed_from", None)
        revisions.append(revision)
    return config, revisions


def statements_by_line(sql):
    """{line number (0-based): statement text without its semicolon} for each SQL line."""
    by_line, lines, start = {}, [], None
    for number, line in enumerate(sql.splitlines()):
        if start is None:
            if not line.strip() or line.startswith("--"):
                continue
            start = number
        lines.append(line)
        if line.rstrip().endswith(";"):
            statement = "\n".join(lines).rstrip().rstrip(";").rstrip()
            for covered in range(start, number + 1):
                by_line[covered] = statement
            lines, start = [], None
    return by_line


def locks_only_new_objects(statement, statements):
    """The statement creates an object, or works on a table an earlier statement of the same
    revision created, and touches no other table."""
    if statement.startswith("CREATE TYPE "):
        return True
    if statement.startswith("CREATE TABLE ") and "REFERENCES" not in statement:
        return True
    target = re.search(r'^(?:CREATE (?:UNIQUE )?INDEX \S+ ON|ALTER TABLE) "([^"]+)"', statement)
    if not target or "REFERENCES" in statement:
        return False
    earlier = statements[:statements.index(statement)]
    return any(s.startswith('CREATE TABLE "%s"' % target.group(1)) for s in earlier)


def normalized(statement):
    return statement.rstrip().rstrip(";").rstrip()


def main():
    migrate, installer, build_dir, work = sys.argv[1:5]
    started = time.monotonic()
    install = run(installer, build_dir, check=False)
    if install.returncode != 0:
        print("squawk could not be installed:\n" + install.stderr)
        if truthy("CI"):
            print("FAIL: CI is set, so the squawk comparison must run")
            return 1
        return 77
    squawk = install.stdout.strip().splitlines()[-1]
    installed = time.monotonic()
    print("squawk: %s (%s), installed or checked in %.1f s"
          % (squawk, run(squawk, "--version").stdout.strip(), installed - started))

    config, revisions = write_chain(migrate, work)
    lint = run(migrate, "-c", config, "lint", "--dialect", "postgresql", "--format", "json", check=False)
    if lint.returncode not in (0, 1):
        sys.exit("lint exited %d: %s" % (lint.returncode, lint.stderr))
    findings = json.loads(lint.stdout)["findings"]

    problems, compared, seen_rules, explained = [], 0, set(), []
    previous = "base"
    for revision in revisions:
        sql = run(migrate, "-c", config, "sql", "%s:%s" % (previous, revision), "--dialect", "postgresql",
                  "--schema-only").stdout
        previous = revision
        path = os.path.join(work, "%s.sql" % revision)
        with open(path, "w") as out:
            out.write(sql)
        by_line = statements_by_line(sql)
        # A statement twice in one revision would make "the same step" ambiguous.
        statements = list(dict.fromkeys(by_line.values()))
        upgrade_findings = [f for f in findings if f["revision"] == revision and f["direction"] == "upgrade"]
        squawked = run(squawk, "--reporter", "json", path, check=False)
        reports = json.loads(squawked.stdout or "[]")
        for report in reports:
            rule = report["rule_name"]
            seen_rules.add(rule)
            if rule in NOT_COMPARED:
                continue
            statement = by_line.get(report["line"])
            where = "%s line %d: squawk %s" % (os.path.basename(path), report["line"], rule)
            if rule not in COMPARED:
                problems.append("%s: a squawk rule this test does not know; add it to COMPARED or NOT_COMPARED"
                                % where)
                continue
            if statement is None or statement in ("BEGIN", "COMMIT"):
                problems.append("%s: points at no statement of the revision" % where)
                continue
            if sum(1 for s in statements if s == statement) != 1:
                problems.append("%s: the statement is not unique in its revision" % where)
            steps = [f for f in upgrade_findings if statement in [normalized(s) for s in f["sql"]]]
            ours = {f["rule"] for f in steps}
            compared += 1
            if ours & COMPARED[rule]:
                continue
            # squawk less precise than lint: check lint's reason.
            if rule == "require-lock-timeout" and locks_only_new_objects(statement, statements):
                explained.append("%s: locks only objects the revision creates: %s" % (where, statement.splitlines()[0]))
                continue
            widened = re.search(r'ALTER COLUMN "[^"]+" TYPE VARCHAR(\(\d+\))? USING', statement)
            if rule == "changing-column-type" and widened and "missing-lock-timeout" in ours and not (
                    ours & {"type-change-rewrites-table"}):
                explained.append("%s: a widening without rewrite, lint: %s" % (where, ", ".join(sorted(ours))))
                continue
            problems.append("%s on\n      %s\n    lint on that step: %s" % (where, statement, sorted(ours) or "nothing"))

    missing = EXPECTED_FROM_SQUAWK - seen_rules
    if missing:
        problems.append("squawk never reported %s: the chain no longer exercises it" % ", ".join(sorted(missing)))
    print("%d revisions; %d squawk findings compared (%d where squawk is less precise, checked against "
          "lint's reason); squawk rules seen: %s" % (len(revisions), compared, len(explained),
                                                     ", ".join(sorted(seen_rules))))
    for line in explained:
        print("  " + line)
    print("comparison took %.1f s after the install" % (time.monotonic() - installed))
    if problems:
        print("FAIL: squawk reports locking problems lint does not:")
        for problem in problems:
            print("  " + problem)
        return 1
    print("ok: every squawk finding about locks is a lint finding on the same step")
    return 0


if __name__ == "__main__":
    sys.exit(main())
