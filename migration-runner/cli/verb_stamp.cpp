// stamp: record a revision in the version table without running anything.
#include <memory>

#include "apply_options.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct StampOptions {
  std::string target;
  DatabaseOptions database;
};

int run_stamp(const StampOptions& options, Context& context) {
  const RevisionGraph& graph = context.graph();
  const std::string url = context.database_url();
  auto connection = open_database(url);
  auto result = stamp(*connection, graph, options.target, make_apply_options(options.database, context, url));
  context.out << "Stamped " << display_url(url) << " at " << describe_position(result.final_state) << ": recorded "
              << result.recorded.size() << " revision(s) without running them, removed " << result.removed.size()
              << ".\n";
  for (const auto& revision : result.recorded) context.out << "  recorded " << revision << '\n';
  for (const auto& revision : result.removed) context.out << "  removed  " << revision << '\n';
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
      add_lock_timeout_option(verb, options->database);
      return [options, &context] { return run_stamp(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
