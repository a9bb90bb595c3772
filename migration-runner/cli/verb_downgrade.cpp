// downgrade: undo migrations down to a revision (default: the one below the database's).
#include <memory>

#include "apply_options.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct DowngradeOptions {
  std::string target = "-1";
  DatabaseOptions database;
};

int run_downgrade(const DowngradeOptions& options, Context& context) {
  const RevisionGraph& graph = context.graph();
  const std::string url = context.database_url();
  auto connection = open_database(url);
  downgrade(*connection, graph, options.target, make_apply_options(options.database, context, url));
  return exit_ok;
}

const VerbRegistrar downgrade_verb{{
    "downgrade", 51,
    "Undo migrations down to a revision (default: -1), running each file's downgrade list in one transaction",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<DowngradeOptions>();
      verb.add_option("revision", options->target,
                      "A revision id (it stays applied; what came after it is undone), -N (N revisions "
                      "down from the database's), or base (undo everything)")
          ->capture_default_str();
      add_apply_options(verb, options->database);
      return [options, &context] { return run_downgrade(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
