// stamp: record a revision in the version table without running anything.
#include <memory>
#include <string>
#include <vector>

#include "apply_options.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct StampOptions {
  std::string target;
  std::vector<std::string> accept_edited;
  DatabaseOptions database;
};

int run_stamp(const StampOptions& options, Context& context) {
  const RevisionGraph& graph = context.graph();
  const std::string url = context.database_url();
  auto connection = open_database(url);
  auto result = stamp(*connection, graph, options.target, make_apply_options(options.database, context, url),
                      options.accept_edited);
  context.out << "Stamped " << display_url(url) << " at " << describe_position(result.final_state) << ": recorded "
              << result.recorded.size() << " revision(s) without running them, removed " << result.removed.size()
              << ".\n";
  for (const auto& revision : result.recorded) context.out << "  recorded " << revision << '\n';
  for (const auto& revision : result.removed) context.out << "  removed  " << revision << '\n';
  for (const auto& accepted : result.accepted)
    context.out << "  accepted the edited file of " << accepted.revision << ": its checksum is now "
                << accepted.file_checksum.substr(0, 12) << "... (was " << accepted.recorded_checksum.substr(0, 12)
                << "...)\n";
  // Stamping does not look at what an edit changed, so it does not vouch for it: the recorded
  // checksum stays, and upgrade keeps refusing, until the user accepts the edit by name.
  for (const auto& edited : result.final_state.edited) {
    context.err << "warning: " << describe_edited(edited) << ".\n"
                << "  stamp left its recorded checksum as it was, so upgrade and check still refuse it. Restore\n"
                << "  the file as it was applied, or, if the database already matches the edited file (a\n"
                << "  comment, a reformatted file), record the file's checksum with:\n"
                << "    " << program_name << " stamp " << options.target << " --accept-edited " << edited.revision
                << '\n';
  }
  return exit_ok;
}

const VerbRegistrar stamp_verb{{
    "stamp", 53,
    "Set the version table to a revision (and its ancestors) without running any migration: for a "
    "database that already has the schema",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<StampOptions>();
      verb.add_option("revision", options->target, "head, a revision id (or prefix), or base (empties the table)")
          ->required();
      verb.add_option("--accept-edited", options->accept_edited,
                      "An applied revision whose file was edited after it was applied: record the file's "
                      "current checksum (after checking the database matches the edited file). Repeatable");
      add_lock_timeout_option(verb, options->database);
      return [options, &context] { return run_stamp(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
