// sqlmodel-snapshot merge A.json B.json ... -o schema.json
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "command_line.hpp"
#include "merge_snapshots.hpp"
#include "schema/snapshot_json.hpp"

namespace {
constexpr const char* program = "sqlmodel-snapshot";
}

int main(int argc, char** argv) {
  CLI::App app{"Work with sqlmodel schema snapshots", program};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       sqlmodel::cli::version_text(program, {{"schema snapshot", sqlmodel::schema::snapshot_format,
                                                              sqlmodel::schema::snapshot_format}}),
                       "Print the version and the snapshot format it reads and writes, then exit");

  CLI::App* merge = app.add_subcommand(
      "merge", "Merge per-translation-unit snapshots into one; identical copies of a model "
               "collapse, different models with one table name are an error");
  std::vector<std::string> inputs;
  std::string output;
  merge->add_option("snapshots", inputs, "Snapshots written by -fplugin-arg-sqlmodel-snapshot")
      ->required()
      ->check(CLI::ExistingFile);
  merge->add_option("-o,--output", output, "The merged snapshot (written atomically)")->required();

  // Usage errors exit 2, as sqlmodel-migrate's do, not with CLI11's own numbers (105, 106).
  app.footer("Exit codes: 0 success; 1 a snapshot could not be read, merged or written; "
             "2 usage error.");
  static constexpr std::string_view verbs[] = {"merge"};
  if (auto verb = sqlmodel::cli::typed_verb(argc, argv, {}))
    if (auto error = sqlmodel::cli::unknown_verb_error(*verb, verbs)) {
      std::cerr << program << ": error: " << *error << "\n";
      return 2;
    }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version end the parse too, successfully.
    return app.exit(error) == 0 ? 0 : 2;
  }

  try {
    std::vector<sqlmodel::snapshot_merge::SnapshotInput> snapshots;
    for (const std::string& path : inputs)
      snapshots.push_back({path, sqlmodel::schema::read_snapshot_file(path)});
    sqlmodel::schema::Schema merged = sqlmodel::snapshot_merge::merge(snapshots);
    sqlmodel::schema::write_snapshot_file(merged, output);
  } catch (const std::exception& error) {
    std::cerr << program << " merge: error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
