#!/usr/bin/env python3
"""How much the sqlmodel plugin adds to a compile.

Generates one translation unit of 300 models (about 3,000 fields: every column type, foreign
keys, indexes, enums, relationships), compiles it with `clang++-19 -fsyntax-only` with and
without the plugin, alternating, and prints the median CPU times and their ratio (target: at
most 1.05). A benchmark, not a test: it never fails on timing.

usage: plugin_overhead.py --plugin PATH [--include DIR] [--clang PATH] [--models N] [--runs N]
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


def main():
    source_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plugin", required=True, help="sqlmodel-plugin.so")
    parser.add_argument("--include", default=os.path.join(source_root, "include"))
    parser.add_argument("--clang", default="/usr/lib/llvm-19/bin/clang++")
    parser.add_argument("--models", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        source = os.path.join(directory, "models.cpp")
        with open(source, "w") as out:
            out.write(generate(args.models))
        base = [args.clang, "-std=c++20", "-fsyntax-only", "-I" + args.include, source]
        with_plugin = base + ["-fplugin=" + args.plugin,
                              "-fplugin-arg-sqlmodel-snapshot=" + os.path.join(directory, "schema.json")]
        fields = generate(args.models).count(";\n  ") + args.models
        print("one translation unit: %d models, about %d fields" % (args.models, fields))
        compile_seconds(base)  # warm the file cache
        plain, plugin = [], []
        for _ in range(args.runs):  # alternate so drifting machine load hits both alike
            plain.append(compile_seconds(base))
            plugin.append(compile_seconds(with_plugin))
        if not os.path.getsize(os.path.join(directory, "schema.json")):
            raise SystemExit("plugin_overhead: the plugin wrote an empty snapshot")
    plain_median, plugin_median = statistics.median(plain), statistics.median(plugin)
    print("clang++ -fsyntax-only            median %.3f s CPU  (runs: %s)" % (plain_median, " ".join("%.3f" % t for t in plain)))
    print("clang++ -fsyntax-only + plugin   median %.3f s CPU  (runs: %s)" % (plugin_median, " ".join("%.3f" % t for t in plugin)))
    print("ratio plugin/plain: %.3f  (target <= 1.05)" % (plugin_median / plain_median))


if __name__ == "__main__":
    main()
