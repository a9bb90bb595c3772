#include "context.hpp"

#include <cstdlib>

#include "db/connection.hpp"
#include "schema/snapshot_json.hpp"
#include "snapshot_freshness.hpp"

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
  if (!snapshot_) {
    schema::Schema read = schema::read_snapshot_file(config().snapshot);
    if (std::optional<std::string> stale = stale_snapshot_reason(config(), read))
      throw schema::SnapshotError(config().snapshot.string(), "", *stale);
    snapshot_ = std::move(read);
  }
  return *snapshot_;
}

std::string Context::database_url() { return effective_url(config(), url); }

std::string Context::masked(std::string_view text) const {
  std::string result(text);
  if (url) result = db::mask_url_secrets(result, *url);
  if (const char* variable = std::getenv(database_url_variable)) result = db::mask_url_secrets(result, variable);
  if (config_) result = db::mask_url_secrets(result, config_->url);
  return result;
}

}  // namespace sqlmodel::migrate::cli
