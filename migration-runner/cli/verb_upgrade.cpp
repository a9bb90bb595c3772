// upgrade: apply migrations up to a revision (default: head).
#include <memory>

#include "apply_options.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct UpgradeOptions {
  std::string target = "head";
  std::string to_phase = "contract";
  DatabaseOptions database;
};

int run_upgrade(const UpgradeOptions& options, Context& context) {
  const RevisionGraph& graph = context.graph();
  const std::string url = context.database_url();
  auto connection = open_database(url);
  auto apply = make_apply_options(options.database, context, url);
  apply.stop_before_contract = options.to_phase == "expand";
  upgrade(*connection, graph, options.target, apply);
  return exit_ok;
}

const VerbRegistrar upgrade_verb{{
    "upgrade", 50,
    "Apply migrations to the database up to a revision (default: head), each in one transaction",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<UpgradeOptions>();
      verb.add_option("revision", options->target,
                      "head (the only head; refused when there are several), a revision id or a "
                      "prefix of at least 4 digits, +N (N revisions up from the database's), REV+N")
          ->capture_default_str();
      verb.add_option("--to-phase", options->to_phase,
                      "expand: stop before the first revision marked \"phase\": \"contract\" (deploy the "
                      "expand revisions, roll out the application, then run upgrade again); contract: go all "
                      "the way (the default)")
          ->check(CLI::IsMember({"expand", "contract"}))
          ->capture_default_str();
      add_apply_options(verb, options->database);
      return [options, &context] { return run_upgrade(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
