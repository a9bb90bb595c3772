#include "context.hpp"

#include "schema/snapshot_json.hpp"

namespace sqlmodel::migrate::cli {

const ProjectConfig& Context::config() {
  if (!config_) config_ = read_project_config(config_path);
  return *config_;
}

const RevisionGraph& Context::graph() {
  if (!graph_) graph_.emplace(read_migrations_directory(config().migrations_directory));
  return *graph_;
}

const schema::Schema& Context::snapshot() {
  if (!snapshot_) snapshot_ = schema::read_snapshot_file(config().snapshot);
  return *snapshot_;
}

std::string Context::database_url() { return effective_url(config(), url); }

}  // namespace sqlmodel::migrate::cli
