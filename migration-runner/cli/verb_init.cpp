// init: a migrations directory and sqlmodel.toml next to it.
//
// The snapshot path is the one the build writes: sqlmodel_add_models(<target>) leaves
// <binary dir>/<target>.sqlmodel.toml at configure time, naming the target's snapshot and
// migrations directory, and init takes both from it. So `cmake -S . -B build` then
// `sqlmodel-migrate init` give a sqlmodel.toml whose snapshot the next build writes.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* default_snapshot = "build/models.schema.json";
constexpr const char* default_directory = "migrations";
// The first line of the configuration sqlmodel_add_models writes (cmake/SqlmodelAddModels.cmake).
constexpr std::string_view models_config_marker = "# Written by sqlmodel_add_models(";

struct InitOptions {
  std::optional<std::string> directory;
  std::optional<std::string> snapshot;
  std::string build_directory = "build";
  std::optional<std::string> target;
};

struct BuildTarget {
  std::string name;
  ProjectConfig config;
};

// The target a configuration was written for, when sqlmodel_add_models wrote it.
std::optional<std::string> models_target(const fs::path& file) {
  std::ifstream in(file);
  std::string first_line;
  if (!std::getline(in, first_line) || !first_line.starts_with(models_config_marker)) return std::nullopt;
  const auto end = first_line.find(')', models_config_marker.size());
  if (end == std::string::npos) return std::nullopt;
  return first_line.substr(models_config_marker.size(), end - models_config_marker.size());
}

// Every sqlmodel_add_models target configured in `build`, by target name.
std::vector<BuildTarget> targets_in(const fs::path& build) {
  std::vector<BuildTarget> targets;
  std::error_code error;
  if (!fs::is_directory(build, error)) return targets;
  for (fs::recursive_directory_iterator it(build, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error)) {
    const fs::path& path = it->path();
    if (it->is_directory(error) && (path.filename() == "CMakeFiles" || it.depth() >= 8)) {
      it.disable_recursion_pending();
      continue;
    }
    const std::string name = path.filename().string();
    if (!name.ends_with(".sqlmodel.toml")) continue;
    if (auto target = models_target(path)) targets.push_back({*target, read_project_config(path)});
  }
  std::sort(targets.begin(), targets.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return targets;
}

// `path` as sqlmodel.toml names it: relative to the file's directory, so the file can be
// committed (a build directory beside the sources gives "../build/...").
std::string relative_to(const fs::path& path, const fs::path& base) {
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path));
  const fs::path relative = absolute.lexically_relative(fs::weakly_canonical(fs::absolute(base)));
  return relative.empty() ? absolute.generic_string() : relative.generic_string();
}

std::string names_of(const std::vector<BuildTarget>& targets) {
  std::string text;
  for (const auto& target : targets) text += (text.empty() ? "" : ", ") + target.name;
  return text;
}

int run_init(const InitOptions& options, Context& context) {
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
  std::string directory = options.directory.value_or(default_directory);
  std::string snapshot = options.snapshot.value_or(default_snapshot);
  std::string found_in;
  if (!options.snapshot) {
    const fs::path build = base / options.build_directory;
    auto targets = targets_in(build);
    if (options.target) {
      std::erase_if(targets, [&](const BuildTarget& target) { return target.name != *options.target; });
      if (targets.empty())
        throw ConfigError("no sqlmodel_add_models(" + *options.target + ") is configured in " + build.string() +
                          " (configure the project first, e.g. `cmake -S . -B " + options.build_directory +
                          "`), or give --snapshot");
    }
    if (targets.size() > 1)
      throw ConfigError(build.string() + " has the models of several targets (" + names_of(targets) +
                        "): choose one with --target NAME, or give --snapshot");
    if (targets.size() == 1) {
      const BuildTarget& target = targets.front();
      snapshot = relative_to(target.config.snapshot, base);
      if (!options.directory) directory = relative_to(target.config.migrations_directory, base);
      found_in = target.config.file.string();
    }
  }

  const fs::path migrations = base / directory;
  bool existed = fs::is_directory(migrations, error);
  fs::create_directories(migrations, error);
  if (error) throw ConfigError(migrations.string() + ": cannot create the directory: " + error.message());

  std::ofstream out(config_file, std::ios::binary);
  out << project_config_text(directory, snapshot, url);
  out.close();
  if (!out) throw ConfigError(config_file.string() + ": cannot write");

  context.out << (existed ? "Kept existing " : "Created ") << migrations.string() << "/\n";
  context.out << "Created " << config_file.string() << " (snapshot " << snapshot << ", database " << url << ")\n";
  if (!found_in.empty())
    context.out << "The snapshot and migrations directory are the ones sqlmodel_add_models configured (" << found_in
                << ").\n";
  else if (!options.snapshot)
    context.out << "No sqlmodel_add_models() target is configured in " << (base / options.build_directory).string()
                << ": the snapshot is the default " << snapshot
                << ". With CMake, configure first (the target's is build/<target>.schema.json) or give --snapshot.\n";
  context.out << "Next: build your models, then `" << program_name << " revision -m \"create tables\"`\n";
  return exit_ok;
}

const VerbRegistrar init_verb{{
    "init", 10, "Create the migrations directory and sqlmodel.toml",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<InitOptions>();
      verb.add_option("--directory", options->directory,
                      "Migrations directory, relative to the config file (default: the one "
                      "sqlmodel_add_models configured, else migrations)");
      verb.add_option("--snapshot", options->snapshot,
                      "Schema snapshot of the models, relative to the config file (default: the one "
                      "sqlmodel_add_models configured in the build directory, else build/models.schema.json)");
      verb.add_option("--build-dir", options->build_directory,
                      "Where to look for the snapshot sqlmodel_add_models configured, relative to the config file")
          ->capture_default_str();
      verb.add_option("--target", options->target,
                      "The sqlmodel_add_models target whose snapshot to use, when the build has several");
      return [options, &context] { return run_init(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
