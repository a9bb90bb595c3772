// What every verb shares: the global options and lazy access to the project (sqlmodel.toml,
// the migrations directory, the snapshot), each read once and only by the verbs that need it.
#pragma once

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "project_config.hpp"
#include "revision_graph.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::migrate::cli {

inline constexpr const char* program_name = "sqlmodel-migrate";

class Context {
 public:
  // Global options (main.cpp binds them).
  std::string config_path = config_file_name;
  std::optional<std::string> url;  // --url; see effective_url()

  std::ostream& out = std::cout;
  std::ostream& err = std::cerr;

  const ProjectConfig& config();
  const RevisionGraph& graph();       // every file of the migrations directory
  const schema::Schema& snapshot();   // the models' snapshot named by the config
  std::string database_url();         // --url, $SQLMODEL_DATABASE_URL, then the config
  // `text` with the secrets of every URL this run could have used masked (--url, the
  // environment, the config): the net under every message the CLI prints, whether it came
  // from us, libpq or SQLite.
  std::string masked(std::string_view text) const;

 private:
  std::optional<ProjectConfig> config_;
  std::optional<RevisionGraph> graph_;
  std::optional<schema::Schema> snapshot_;
};

}  // namespace sqlmodel::migrate::cli
