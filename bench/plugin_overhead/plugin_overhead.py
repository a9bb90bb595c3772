#!/usr/bin/env python3
"""How much the sqlmodel plugin adds to a compile.

Generates one translation unit of 300 models (about 3,000 fields: every column type, foreign
keys, indexes, enums, relationships), compiles it with `clang++-19 -fsyntax-only` with and
without the plugin, alternating, and prints the median CPU times and their ratio (target: at
most 1.05). The plugin's checks of SQL written by hand (text()) run in both: the second
translation unit adds 200 functions with a text() statement each (a join, parameters, a typed
row) over the same models. A benchmark, not a test: it never fails on timing.

usage: plugin_overhead.py --plugin PATH [--include DIR] [--clang PATH] [--models N] [--runs N]
                          [--queries N] [--keep DIR]

--keep DIR leaves the translation units (models.cpp, queries.cpp) and snapshots in DIR, for
counting instructions under valgrind --tool=callgrind, which timing alone cannot settle.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

HEADER = """#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <sqlmodel/annotations.hpp>

namespace bench {
enum class Status { draft, active, archived };
"""


def model(index):
    """One model of ten columns; from the second on, a foreign key to the previous one."""
    name = "Model%d" % index
    table = "model_%d" % index
    lines = []
    if index > 0:
        lines.append("struct Model%d;" % (index - 1))
    lines.append('struct SQLMODEL_TABLE(.name = "%s", .comment = "generated model %d")' % (table, index))
    lines.append('SQLMODEL_INDEX(.columns = {"title", "status"})')
    lines.append("%s {" % name)
    lines.append("  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;")
    lines.append("  SQLMODEL_FIELD(.max_length = 200, .index = true) std::string title;")
    lines.append("  std::optional<std::string> body;")
    lines.append("  SQLMODEL_FIELD(.server_default = \"'draft'\") Status status = Status::draft;")
    lines.append("  std::int32_t position = 0;")
    lines.append("  SQLMODEL_FIELD(.ge = 0, .le = 100) double score = 0;")
    lines.append("  bool visible = true;")
    lines.append("  std::chrono::system_clock::time_point created_at;")
    lines.append("  SQLMODEL_FIELD(.max_length = 20) std::vector<std::string> tags;")
    if index > 0:
        lines.append(
            '  SQLMODEL_FIELD(.foreign_key = "model_%d.id", .index = true, '
            ".on_delete = sqlmodel::OnDelete::cascade) std::int64_t parent_id;" % (index - 1)
        )
        lines.append("  sqlmodel::Related<Model%d> parent;" % (index - 1))
    else:
        lines.append("  std::int64_t parent_id = 0;")
    lines.append("};")
    return "\n".join(lines) + "\n"


def generate(models):
    return HEADER + "".join(model(i) for i in range(models)) + "}  // namespace bench\n"


def query(index, models):
    """One function returning a text() query over the models: a join, a typed row, parameters."""
    table = index % models
    if table == 0:
        table = 1
    return (
        "auto query_%d() {\n"
        "  return sqlmodel::text<std::tuple<std::string, double, std::int32_t>>(\n"
        '      "SELECT c.title, c.score, p.position FROM model_%d AS c JOIN model_%d AS p ON p.id = c.parent_id "\n'
        '      "WHERE c.status = :status AND c.visible AND c.created_at > :since ORDER BY c.score DESC LIMIT 20")\n'
        '      .bind("status", "active").bind("since", "2020-01-01");\n'
        "}\n" % (index, table, table - 1)
    )


def generate_with_queries(models, queries):
    """The models, then `queries` functions that each run SQL written by hand (text())."""
    return (
        generate(models).replace("#include <sqlmodel/annotations.hpp>\n",
                                 "#include <sqlmodel/annotations.hpp>\n#include <sqlmodel/query_text.hpp>\n#include <tuple>\n")
        + "namespace bench {\n"
        + "".join(query(i, models) for i in range(queries))
        + "}  // namespace bench\n"
    )


def child_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compile_seconds(command):
    """CPU seconds (user + system) of one compile: unlike wall time, it does not grow when
    other jobs share the machine."""
    start = child_cpu_seconds()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    elapsed = child_cpu_seconds() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout.decode("utf-8", "replace"))
        raise SystemExit("plugin_overhead: the compile failed: %s" % " ".join(command))
    return elapsed


def measure(label, text, directory, args):
    """Median CPU seconds of compiling `text` without and with the plugin, alternating."""
    source = os.path.join(directory, label + ".cpp")
    snapshot = os.path.join(directory, label + ".schema.json")
    with open(source, "w") as out:
        out.write(text)
    base = [args.clang, "-std=c++20", "-fsyntax-only", "-I" + args.include, source]
    with_plugin = base + ["-fplugin=" + args.plugin, "-fplugin-arg-sqlmodel-snapshot=" + snapshot]
    compile_seconds(base)  # warm the file cache
    plain, plugin = [], []
    for _ in range(args.runs):  # alternate so drifting machine load hits both alike
        plain.append(compile_seconds(base))
        plugin.append(compile_seconds(with_plugin))
    if not os.path.getsize(snapshot):
        raise SystemExit("plugin_overhead: the plugin wrote an empty snapshot")
    return plain, plugin


def report(plain, plugin):
    plain_median, plugin_median = statistics.median(plain), statistics.median(plugin)
    print("  clang++ -fsyntax-only            median %.3f s CPU  (runs: %s)" % (plain_median, " ".join("%.3f" % t for t in plain)))
    print("  clang++ -fsyntax-only + plugin   median %.3f s CPU  (runs: %s)" % (plugin_median, " ".join("%.3f" % t for t in plugin)))
    print("  ratio plugin/plain: %.3f  (target <= 1.05)" % (plugin_median / plain_median))


def main():
    source_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plugin", required=True, help="sqlmodel-plugin.so")
    parser.add_argument("--include", default=os.path.join(source_root, "include"))
    parser.add_argument("--clang", default="/usr/lib/llvm-19/bin/clang++")
    parser.add_argument("--models", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", type=int, default=200,
                        help="text() literals in the second translation unit (0: skip it)")
    parser.add_argument("--keep", metavar="DIR",
                        help="write the translation units into DIR and keep them (default: a temporary directory)")
    args = parser.parse_args()

    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory() as directory:
            run(args, directory)


def run(args, directory):
    """Measures both translation units, written into `directory`."""
    text = generate(args.models)
    fields = text.count(";\n  ") + args.models
    print("one translation unit: %d models, about %d fields" % (args.models, fields))
    report(*measure("models", text, directory, args))
    if args.queries > 0:
        print("the same models and %d text() statements, checked against them" % args.queries)
        report(*measure("queries", generate_with_queries(args.models, args.queries), directory, args))


if __name__ == "__main__":
    main()
