# -*- Python -*-
# lit configuration for sqlmodel-cpp's lit suites: tests/lit/<area>/*.test.
#
# Run them through CTest (`ctest -R '^lit$'`), `ninja check-lit`, or lit itself:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/tests/lit
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv tests/lit/init-db
# The second form finds the build through `--param build_dir=DIR`, $SQLMODEL_BUILD_DIR, or
# ./build by default.
#
# What RUN lines can use:
#   sqlmodel-init-db, foundation-demo, sqlmodel-migrate, sqlmodel-check, sqlmodel-snapshot
#                        the programs this build has, by name (tests/lit/CMakeLists.txt lists them)
#   FileCheck, not, count   from LLVM 19 (/usr/lib/llvm-19/bin leads PATH)
#   %python              the Python the build found
#   %sqlmodel_src        the source root
#   %sqlmodel_version    the package version (CMake's project(VERSION))
#   %test_data           tests/data
#   %lit_support         tests/lit/support
#   %{sqlmodel_plugin}   built files that are not commands (SQLMODEL_LIT_FILE_TARGETS)
#   %psql                PostgreSQL 15's psql, e.g. `%psql -d "$url" -Atc 'SELECT ...'`
#   %pg_url              $SQLMODEL_TEST_PG_URL, the server tools/with-postgres.sh started
#   %pg_fresh_database NAME
#                        drops and recreates database NAME on that server, prints its URL
#
# Features for REQUIRES / UNSUPPORTED:
#   plugin               built with SQLMODEL_WITH_PLUGIN
#   postgres-backend     built with SQLMODEL_WITH_POSTGRES
#   postgres             postgres-backend, and $SQLMODEL_TEST_PG_URL is set. When $CI is set,
#                        a test that REQUIRES postgres FAILS instead of being unsupported.
#
# An area adds its own settings in <area>/lit.local.cfg (e.g. `config.suffixes.add(".cpp")`,
# or `config.unsupported = "plugin" not in config.available_features`).

import os
import re
import sys


def truthy_environment(name):
    """Mirrors sqlmodel::testing::running_in_ci(): set, non-empty, and not 0/false."""
    value = os.environ.get(name, "")
    return value != "" and value.lower() not in ("0", "false")


def load_site_config_from_build():
    """lit was pointed at the source tree: read the build's lit.site.cfg.py, which loads this
    file again with the build's paths filled in."""
    source_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    build_dir = lit_config.params.get(
        "build_dir", os.environ.get("SQLMODEL_BUILD_DIR", os.path.join(source_root, "build"))
    )
    site_config = os.path.join(os.path.abspath(build_dir), "tests", "lit", "lit.site.cfg.py")
    if not os.path.exists(site_config):
        lit_config.fatal(
            "no lit.site.cfg.py at %s: configure and build first (tools/test.sh), "
            "or name the build with --param build_dir=DIR" % site_config
        )
    lit_config.load_config(config, site_config)


def command_pattern(name):
    """A program name as a word of a RUN line, not part of a path or of a longer name
    (the same boundaries as LLVM's ToolSubst)."""
    return r"(?<![-.^/\\<\w])" + re.escape(name) + r"(?![-.\w/])"


def configure():
    config.name = "sqlmodel"
    config.suffixes = {".test"}
    config.excludes = {"Inputs", "support", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"}
    config.test_source_root = os.path.dirname(os.path.abspath(__file__))
    config.test_exec_root = config.sqlmodel_lit_exec_root

    # Only what the tests need reaches them: no SQLMODEL_DATABASE_URL from the caller's shell.
    for name in ("SQLMODEL_TEST_PG_URL", "CI", "TMPDIR", "HOME", "PGCONNECT_TIMEOUT"):
        if name in os.environ:
            config.environment[name] = os.environ[name]
    config.environment["LC_ALL"] = "C.UTF-8"
    # LLVM 19's FileCheck, not, count and clang-19 as plain commands (/usr/bin/clang is older).
    config.environment["PATH"] = os.pathsep.join(
        [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))]
    )

    features = config.available_features
    if config.sqlmodel_with_plugin:
        features.add("plugin")
    postgres_url = os.environ.get("SQLMODEL_TEST_PG_URL", "")
    if config.sqlmodel_with_postgres:
        features.add("postgres-backend")
        if postgres_url:
            features.add("postgres")
    postgres_missing_in_ci = (
        config.sqlmodel_with_postgres and not postgres_url and truthy_environment("CI")
    )
    sys.path.insert(0, os.path.join(config.test_source_root, "support"))
    from sqlmodel_lit_format import SqlmodelShTest

    config.test_format = SqlmodelShTest(postgres_missing_in_ci)

    support_dir = os.path.join(config.test_source_root, "support")
    # Longer names first: lit applies substitutions in order.
    config.substitutions.append(("%sqlmodel_src", config.sqlmodel_source_dir))
    config.substitutions.append(("%sqlmodel_version", config.sqlmodel_version))
    config.substitutions.append(("%test_data", os.path.join(config.sqlmodel_source_dir, "tests", "data")))
    config.substitutions.append(("%lit_support", support_dir))
    config.substitutions.append(("%python", config.python_executable))
    config.substitutions.append(
        ("%pg_fresh_database",
         "%s %s" % (config.python_executable, os.path.join(support_dir, "pg_fresh_database.py")))
    )
    config.substitutions.append(("%psql", "/usr/lib/postgresql/15/bin/psql --no-psqlrc -v ON_ERROR_STOP=1"))
    config.substitutions.append(("%pg_url", postgres_url or "SQLMODEL_TEST_PG_URL-is-not-set"))
    for name, path in sorted(config.sqlmodel_files.items()):
        config.substitutions.append((re.escape("%{" + name + "}"), path))

    # Built programs by full path, so a RUN line never picks up an installed copy.
    for name, path in sorted(config.sqlmodel_tools.items(), key=lambda item: -len(item[0])):
        if not os.path.exists(path):
            lit_config.warning("%s is not built yet (%s)" % (name, path))
        config.substitutions.append((command_pattern(name), path))


if not hasattr(config, "sqlmodel_binary_dir"):
    load_site_config_from_build()
else:
    configure()
