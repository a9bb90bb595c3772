// sqlmodel-migrate: the migration runner's command line. The verbs live one per file
// (verb_*.cpp) and register themselves (verb.hpp); this file only parses and dispatches.
#include <cstdlib>
#include <map>
#include <string_view>
#include <vector>

#include "command_line.hpp"
#include "context.hpp"
#include "errors.hpp"
#include "exit_codes.hpp"
#include "migration_file.hpp"
#include "schema/snapshot_json.hpp"
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
  app.set_version_flag("--version",
                       sqlmodel::cli::version_text(program_name, {{"schema snapshot", sqlmodel::schema::snapshot_format, 0},
                                                                  {"migration file", sqlmodel::migrate::migration_format,
                                                                   sqlmodel::migrate::migration_format}}),
                       "Print the version and the file formats it reads and writes, then exit");
  app.add_option("-c,--config", context.config_path, "The project file (default: ./sqlmodel.toml)");
  app.add_option("--url", context.url,
                 "Database URL (sqlite:///path.db, postgresql://user@host:port/db); overrides "
                 "$SQLMODEL_DATABASE_URL and the config")
      // An empty --url (an unset shell variable: --url "$DB") must not fall back to the config's
      // database: that may be another one than the user meant.
      ->check([](const std::string& value) {
        return value.empty() ? std::string("--url is empty; give a database URL, or leave the option out "
                                           "to use $SQLMODEL_DATABASE_URL or the config")
                             : std::string();
      });

  std::map<const CLI::App*, VerbAction> actions;
  const auto verbs = registered_verbs();
  std::vector<std::string_view> verb_names;
  for (const auto& verb : verbs) {
    CLI::App* command = app.add_subcommand(verb.name, verb.description);
    command->footer(footer);
    actions[command] = verb.setup(*command, context);
    verb_names.push_back(verb.name);
  }

  // CLI11 would only say "A subcommand is required" for a mistyped verb.
  static constexpr std::string_view global_options_with_value[] = {"-c", "--config", "--url"};
  if (auto verb = sqlmodel::cli::typed_verb(argc, argv, global_options_with_value)) {
    if (*verb == "help") {  // as git and cargo take it
      context.out << app.help();
      return exit_ok;
    }
    if (auto error = sqlmodel::cli::unknown_verb_error(*verb, verb_names)) {
      context.err << program_name << ": error: " << *error << '\n';
      return exit_usage;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version end the parse too, successfully.
    return app.exit(error) == 0 ? exit_ok : exit_usage;
  }

  for (const CLI::App* chosen : app.get_subcommands()) {
    try {
      return actions.at(chosen)();
    } catch (...) {
      return report_error(std::current_exception(), context);
    }
  }
  return exit_usage;
}
