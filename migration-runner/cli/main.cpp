// sqlmodel-migrate: the migration runner's command line. The verbs live one per file
// (verb_*.cpp) and register themselves (verb.hpp); this file only parses and dispatches.
#include <cstdlib>
#include <map>

#include "context.hpp"
#include "errors.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

int main(int argc, char** argv) {
  using namespace sqlmodel::migrate::cli;
  Context context;
  CLI::App app{"Migrations for sqlmodel-cpp models: autogenerate reviewed migration files from the "
               "schema snapshot and apply them to SQLite or PostgreSQL.",
               program_name};
  const std::string footer = std::string(exit_codes_help) + "\n";
  app.footer(footer);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("-c,--config", context.config_path, "The project file (default: ./sqlmodel.toml)");
  app.add_option("--url", context.url,
                 "Database URL (sqlite:///path.db, postgresql://user@host:port/db); overrides "
                 "$SQLMODEL_DATABASE_URL and the config");

  std::map<const CLI::App*, VerbAction> actions;
  for (const auto& verb : registered_verbs()) {
    CLI::App* command = app.add_subcommand(verb.name, verb.description);
    command->footer(footer);
    actions[command] = verb.setup(*command, context);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return exit_usage;
  }

  for (const CLI::App* chosen : app.get_subcommands()) {
    try {
      return actions.at(chosen)();
    } catch (...) {
      return report_error(std::current_exception(), context.err);
    }
  }
  return exit_usage;
}
