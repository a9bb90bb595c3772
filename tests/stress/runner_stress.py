#!/usr/bin/env python3
"""The migration runner under the two stresses that were once tried by hand, as repeatable tests.

  runner_stress.py kill       --migrate BIN --dialect sqlite|postgresql --work DIR [--trials 20] [--seed N]
  runner_stress.py concurrent --migrate BIN --dialect sqlite|postgresql --work DIR [--runners 8] [--rounds 2]

The project has seven revisions written by `revision --autogenerate` from seven snapshots, two
of them with data steps (30,000 rows) and several SQLite table rebuilds, so an upgrade takes a
while and a kill can land inside any of them.

kill: each trial starts `upgrade` on a fresh database and SIGKILLs it after a random delay
(seeded: the seed is printed, and --seed repeats a run) within the time a whole upgrade takes.
Then the database must be at a revision the version table records (its applied set closed
under ancestors) and its schema must be that revision's: `check` of a project holding only the
migrations up to it and its snapshot says so. A rerun of `upgrade` must complete, and `check`
on the whole project must pass. The trials must kill at two revisions at least, or the test
proves nothing.

concurrent: N runners start `upgrade` on one fresh database at the same moment. All exit 0,
each revision is applied exactly once (one "Upgrading ... <rev>" line over all outputs, one
version row, the data steps' rows once), and they really overlapped: every runner was alive at
one instant (the latest start came before the first end) and at least one waited for the lock
or found the work done by another.

PostgreSQL: $SQLMODEL_TEST_PG_URL names the server (tools/with-postgres.sh); each database is
created fresh. Without it the test is skipped (exit 77), or fails when $CI is set.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

PSQL = "/usr/lib/postgresql/15/bin/psql"
REVISIONS = 7
ROWS = 30000


def column(name, type_, nullable=False, **extra):
    entry = {"name": name, "type": type_, "nullable": nullable}
    entry.update(extra)
    return entry


def snapshots():
    """The models at each of the seven revisions."""
    teams = {"name": "teams", "columns": [column("id", "int64", autoincrement=True), column("name", "string(100)")],
             "primary_key": {"name": "pk_teams", "columns": ["id"]}}
    users = {"name": "users",
             "columns": [column("id", "int64", autoincrement=True), column("email", "string(255)"),
                         column("team_id", "int64", True)],
             "primary_key": {"name": "pk_users", "columns": ["id"]},
             "foreign_keys": [{"name": "fk_users_team_id_teams", "columns": ["team_id"], "referred_table": "teams",
                               "referred_columns": ["id"], "on_delete": "cascade"}],
             "indexes": [{"name": "ix_users_team_id", "columns": ["team_id"]}]}
    versions = []

    def add():
        versions.append(json.loads(json.dumps({"format": 1, "tables": [teams, users] + extra_tables})))

    extra_tables = []
    add()  # 1: teams, users
    users["columns"].append(column("nickname", "string(40)", True))
    add()  # 2: a nullable column
    users["columns"].append(column("login_count", "int32", server_default="0"))
    add()  # 3: NOT NULL with a server default, and 30,000 users (data step)
    users["columns"][1]["type"] = "string(320)"
    add()  # 4: a wider email (a SQLite table rebuild with 30,000 rows)
    users["indexes"].append({"name": "ix_users_nickname", "columns": ["nickname"]})
    extra_tables.append({"name": "posts",
                         "columns": [column("id", "int64", autoincrement=True), column("user_id", "int64"),
                                     column("title", "string(200)")],
                         "primary_key": {"name": "pk_posts", "columns": ["id"]},
                         "foreign_keys": [{"name": "fk_posts_user_id_users", "columns": ["user_id"],
                                           "referred_table": "users", "referred_columns": ["id"],
                                           "on_delete": "cascade"}],
                         "indexes": [{"name": "ix_posts_user_id", "columns": ["user_id"]}]})
    add()  # 5: an index, a table, and 30,000 posts (data step)
    users["columns"] = [c for c in users["columns"] if c["name"] != "nickname"]
    users["indexes"] = [i for i in users["indexes"] if i["name"] != "ix_users_nickname"]
    add()  # 6: a dropped column (a rebuild of users, whose posts refer to it)
    extra_tables[0]["columns"].append(column("score", "int32", True))
    extra_tables[0]["indexes"].append({"name": "ix_posts_score", "columns": ["score"]})
    add()  # 7: a column and an index on posts
    return versions


DATA_STEPS = {
    3: ("INSERT INTO users (email, login_count) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
        "WHERE x < %d) SELECT 'user' || x || '@example.com', x %% 7 FROM c" % ROWS, "DELETE FROM users"),
    5: ("INSERT INTO posts (user_id, title) SELECT id, 'post of ' || email FROM users", "DELETE FROM posts"),
}


def rev_id(number):
    return "%012d" % number


class Project:
    def __init__(self, migrate, directory, upto=REVISIONS):
        self.migrate = migrate
        self.directory = directory
        self.config = os.path.join(directory, "sqlmodel.toml")
        self.upto = upto

    def run(self, *args, url=None, check=True, timeout=600):
        command = [self.migrate, "-c", self.config] + (["--url", url] if url else []) + list(args)
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if check and completed.returncode != 0:
            raise SystemExit("FAILED: %s exited %d\n%s%s" % (" ".join(command), completed.returncode,
                                                            completed.stdout, completed.stderr))
        return completed

    def create(self, versions):
        """Writes the project: revision k from snapshot k, with its data step."""
        shutil.rmtree(self.directory, ignore_errors=True)
        os.makedirs(os.path.join(self.directory, "build"))
        self.run("--url", "sqlite:///unused.db", "init", "--snapshot", "build/models.schema.json")
        for number in range(1, self.upto + 1):
            with open(os.path.join(self.directory, "build", "models.schema.json"), "w") as out:
                json.dump(versions[number - 1], out, indent=2)
            self.run("revision", "-m", "step %d" % number, "--rev-id", rev_id(number))
            if number in DATA_STEPS:
                path = self.migration_path(number)
                with open(path) as stream:
                    migration = json.load(stream)
                up, down = DATA_STEPS[number]
                migration["upgrade"].append({"op": "sql", "sql": up})
                migration["downgrade"].insert(0, {"op": "sql", "sql": down})
                with open(path, "w") as out:
                    out.write(json.dumps(migration, indent=2) + "\n")

    def migration_path(self, number):
        directory = os.path.join(self.directory, "migrations")
        (name,) = [n for n in os.listdir(directory) if n.startswith("%04d_" % number)]
        return os.path.join(directory, name)

    def prefix(self, number, versions, directory):
        """A project holding only the first `number` revisions, and the snapshot they reach."""
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(os.path.join(directory, "migrations"))
        os.makedirs(os.path.join(directory, "build"))
        shutil.copy(self.config, os.path.join(directory, "sqlmodel.toml"))
        for k in range(1, number + 1):
            shutil.copy(self.migration_path(k), os.path.join(directory, "migrations"))
        snapshot = versions[number - 1] if number else {"format": 1, "tables": []}
        with open(os.path.join(directory, "build", "models.schema.json"), "w") as out:
            json.dump(snapshot, out, indent=2)
        return Project(self.migrate, directory, number)


class Databases:
    """Fresh databases of one dialect."""

    def __init__(self, dialect, work):
        self.dialect = dialect
        self.work = work
        self.server = os.environ.get("SQLMODEL_TEST_PG_URL", "")
        if dialect == "postgresql" and not self.server:
            if os.environ.get("CI", "") not in ("", "0", "false"):
                raise SystemExit("FAILED: SQLMODEL_TEST_PG_URL is not set; run under tools/with-postgres.sh")
            print("skipped: SQLMODEL_TEST_PG_URL is not set")
            sys.exit(77)
        self.psql = PSQL if os.path.exists(PSQL) else "psql"

    def fresh(self, name):
        if self.dialect == "sqlite":
            path = os.path.join(self.work, name + ".db")
            for suffix in ("", "-journal", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
            return "sqlite:///" + path
        for statement in ('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name, 'CREATE DATABASE "%s"' % name):
            subprocess.run([self.psql, "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-d", self.server, "-c",
                            statement], check=True, capture_output=True)
        url = urllib.parse.urlsplit(self.server)
        return urllib.parse.urlunsplit(url._replace(path="/" + name))

    def drop(self, name):
        if self.dialect == "postgresql":
            subprocess.run([self.psql, "--no-psqlrc", "--quiet", "-d", self.server, "-c",
                            'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name], capture_output=True)


def position(project, url):
    """The revision number the database is at (0 for base), from `current -v`."""
    output = project.run("current", url=url).stdout
    first = output.strip().splitlines()[0] if output.strip() else "base"
    if first.startswith("base"):
        return 0
    revision = first.split(",")[0].split()[0]  # "000000000007 (head), <message>"
    if revision not in {rev_id(k) for k in range(1, REVISIONS + 1)}:
        raise SystemExit("FAILED: the database is at %r, which is no single revision of the project:\n%s"
                         % (revision, output))
    return int(revision)


def expect_schema_at(project, versions, number, url, scratch):
    """`check` of the project cut at `number`: the database is at its head, with its schema."""
    cut = project.prefix(number, versions, scratch)
    completed = cut.run("check", url=url, check=False)
    if completed.returncode != 0:
        raise SystemExit("FAILED: the database at revision %d does not have that revision's schema:\n%s%s"
                         % (number, completed.stdout, completed.stderr))


def kill_trials(args, versions, project, databases):
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    print("kill: seed %d (repeat with --seed %d)" % (seed, seed))
    rng = random.Random(seed)
    name = "sqlmodel_stress_kill"
    url = databases.fresh(name)
    started = time.monotonic()
    project.run("upgrade", "-q", url=url)
    whole = time.monotonic() - started
    print("kill: a whole upgrade takes %.2f s on %s" % (whole, args.dialect))
    reached = []
    for trial in range(1, args.trials + 1):
        url = databases.fresh(name)
        delay = rng.uniform(0, whole)
        runner = subprocess.Popen([project.migrate, "-c", project.config, "--url", url, "upgrade", "-q"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        killed = runner.poll() is None
        if killed:
            runner.send_signal(signal.SIGKILL)
        runner.wait()
        if not killed and runner.returncode != 0:
            raise SystemExit("FAILED: trial %d: upgrade exited %d before the kill: %s"
                             % (trial, runner.returncode, runner.stderr.read().decode()))
        runner.stderr.close()
        at = position(project, url)
        expect_schema_at(project, versions, at, url, os.path.join(args.work, "cut"))
        project.run("upgrade", "-q", url=url)
        expect_schema_at(project, versions, REVISIONS, url, os.path.join(args.work, "cut"))
        reached.append(at)
        print("kill: trial %2d: %s after %.3f s; the database was at revision %d with its schema; rerun completed"
              % (trial, "killed" if killed else "finished", delay, at))
    databases.drop(name)
    distinct = sorted(set(reached))
    print("kill: the kills left the database at revisions %s" % distinct)
    if len(distinct) < 2:
        raise SystemExit("FAILED: every kill landed at the same revision (%s): the upgrade is too quick to test"
                         % distinct)


def concurrent_rounds(args, versions, project, databases):
    for round_ in range(1, args.rounds + 1):
        name = "sqlmodel_stress_concurrent"
        url = databases.fresh(name)
        runners = []
        for _ in range(args.runners):
            runners.append((time.monotonic(), subprocess.Popen(
                [project.migrate, "-c", project.config, "--url", url, "upgrade", "--lock-timeout", "600"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
        outputs, starts, ends = [], [], []
        for start, runner in runners:
            output, _ = runner.communicate(timeout=900)
            ends.append(time.monotonic())
            starts.append(start)
            outputs.append(output)
            if runner.returncode != 0:
                raise SystemExit("FAILED: a runner exited %d:\n%s" % (runner.returncode, output))
        # Exactly once: one runner says it applied each revision, the version table has one row
        # per revision, and the data steps' rows are there once.
        for number in range(1, REVISIONS + 1):
            lines = [line for output in outputs for line in output.splitlines()
                     if line.startswith("Upgrading [") and rev_id(number) in line]
            if len(lines) != 1:
                raise SystemExit("FAILED: revision %d was applied %d times:\n%s" % (number, len(lines),
                                                                                  "\n---\n".join(outputs)))
        expect_schema_at(project, versions, REVISIONS, url, os.path.join(args.work, "cut"))
        count_users = scalar(databases, url, "SELECT count(*) FROM users")
        count_posts = scalar(databases, url, "SELECT count(*) FROM posts")
        versions_rows = scalar(databases, url, "SELECT count(*) FROM sqlmodel_version")
        if (count_users, count_posts, versions_rows) != (str(ROWS), str(ROWS), str(REVISIONS)):
            raise SystemExit("FAILED: users %s, posts %s, version rows %s; expected %d, %d, %d"
                             % (count_users, count_posts, versions_rows, ROWS, ROWS, REVISIONS))
        # They overlapped: all alive at one instant, and the others waited or found it done.
        if not max(starts) < min(ends):
            raise SystemExit("FAILED: the runners did not overlap (the last started %.3f s after the first ended)"
                             % (max(starts) - min(ends)))
        waited = sum(1 for output in outputs if "Waiting for" in output or "Another runner changed" in output
                     or "Nothing to upgrade" in output)
        if waited < 1:
            raise SystemExit("FAILED: no runner waited for another:\n%s" % "\n---\n".join(outputs))
        print("concurrent: round %d: %d runners, all exit 0, every revision applied once; all alive together "
              "for %.2f s, %d of them waited for the lock or found the work done"
              % (round_, args.runners, min(ends) - max(starts), waited))
        databases.drop(name)


def scalar(databases, url, sql):
    if databases.dialect == "sqlite":
        path = url[len("sqlite:///"):]
        return subprocess.run(["sqlite3", path, sql], capture_output=True, text=True, check=True).stdout.strip()
    return subprocess.run([databases.psql, "--no-psqlrc", "-Atc", sql, "-d", url], capture_output=True, text=True,
                          check=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["kill", "concurrent"])
    parser.add_argument("--migrate", required=True)
    parser.add_argument("--dialect", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--runners", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    databases = Databases(args.dialect, args.work)
    versions = snapshots()
    project = Project(os.path.abspath(args.migrate), os.path.join(args.work, "project"))
    project.create(versions)
    if args.mode == "kill":
        kill_trials(args, versions, project, databases)
    else:
        concurrent_rounds(args, versions, project, databases)
    print("%s: ok" % args.mode)


if __name__ == "__main__":
    main()
