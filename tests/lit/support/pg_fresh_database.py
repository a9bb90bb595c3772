#!/usr/bin/env python3
"""Usage: pg_fresh_database.py NAME

Drops database NAME on the server $SQLMODEL_TEST_PG_URL names, creates it empty, and prints
its URL. Lit tests call it as `%pg_fresh_database NAME` so that each test starts from an
empty database of its own, whatever other suites left in the shared one.
"""
import os
import re
import subprocess
import sys
import urllib.parse

PSQL = "/usr/lib/postgresql/15/bin/psql"


def fail(message):
    print("pg_fresh_database.py: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 2 or not re.fullmatch(r"[a-z_][a-z0-9_]*", sys.argv[1]):
        fail("usage: pg_fresh_database.py NAME (lower-case letters, digits and _)")
    name = sys.argv[1]
    server_url = os.environ.get("SQLMODEL_TEST_PG_URL", "")
    if not server_url:
        fail("SQLMODEL_TEST_PG_URL is not set; run under tools/with-postgres.sh")
    psql = PSQL if os.path.exists(PSQL) else "psql"
    for statement in ('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name, 'CREATE DATABASE "%s"' % name):
        completed = subprocess.run(
            [psql, "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-d", server_url, "-c", statement],
            capture_output=True, text=True)
        if completed.returncode != 0:
            fail("%s failed on %s: %s" % (statement, server_url, completed.stderr.strip()))
    url = urllib.parse.urlsplit(server_url)
    print(urllib.parse.urlunsplit(url._replace(path="/" + name)))


if __name__ == "__main__":
    main()
