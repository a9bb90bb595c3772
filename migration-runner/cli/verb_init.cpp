// init: a migrations directory and sqlmodel.toml next to it.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct InitOptions {
  std::string directory = "migrations";
  std::string snapshot = "build/models.schema.json";
};

int run_init(const InitOptions& options, Context& context) {
  namespace fs = std::filesystem;
  const fs::path config_file = context.config_path;
  std::error_code error;
  if (fs::exists(config_file, error))
    throw ConfigError(config_file.string() + " already exists; edit it, or remove it to start over");
  // The URL written is the one given now (--url, then the environment), else an embedded default.
  std::string url = "sqlite:///app.db";
  if (context.url && !context.url->empty())
    url = *context.url;
  else if (const char* variable = std::getenv(database_url_variable); variable && *variable)
    url = variable;

  const fs::path base = config_file.has_parent_path() ? config_file.parent_path() : fs::path(".");
  const fs::path migrations = base / options.directory;
  bool existed = fs::is_directory(migrations, error);
  fs::create_directories(migrations, error);
  if (error) throw ConfigError(migrations.string() + ": cannot create the directory: " + error.message());

  std::ofstream out(config_file, std::ios::binary);
  out << project_config_text(options.directory, options.snapshot, url);
  out.close();
  if (!out) throw ConfigError(config_file.string() + ": cannot write");

  context.out << (existed ? "Kept existing " : "Created ") << migrations.string() << "/\n";
  context.out << "Created " << config_file.string() << " (snapshot " << options.snapshot << ", database " << url << ")\n";
  context.out << "Next: build your models, then `" << program_name << " revision -m \"create tables\"`\n";
  return exit_ok;
}

const VerbRegistrar init_verb{{
    "init", 10, "Create the migrations directory and sqlmodel.toml",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<InitOptions>();
      verb.add_option("--directory", options->directory, "Migrations directory, relative to the config file")
          ->capture_default_str();
      verb.add_option("--snapshot", options->snapshot,
                      "Schema snapshot of the models, relative to the config file")
          ->capture_default_str();
      return [options, &context] { return run_init(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
