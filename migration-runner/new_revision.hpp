// Writing a new revision file into the migrations directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "revision_graph.hpp"

namespace sqlmodel::migrate {

struct NewRevision {
  std::string message;
  std::vector<std::string> parents;  // the head(s) it follows; empty for the first revision
  std::vector<schema::Operation> upgrade;
  std::vector<schema::Operation> downgrade;
  std::optional<std::string> revision;  // a chosen id (--rev-id); a fresh random one otherwise
  std::optional<MigrationPhase> phase;
  std::optional<std::int64_t> lock_timeout_ms;
  std::optional<int> lock_retries;
};

// Writes migrations/<next seq>_<rev>_<slug>.json atomically and returns it as read back.
// Refuses an id that is already used, and never overwrites a file.
Migration write_new_revision(const std::filesystem::path& directory, const RevisionGraph& graph,
                             NewRevision revision);

}  // namespace sqlmodel::migrate
