// A snapshot older than the models it was written from: the model headers changed since
// (edited, or another branch checked out) and the build has not run since. Acting on it would
// autogenerate nothing, or report "no changes", for models that did change; so the verbs that
// read the snapshot refuse it, naming the files.
//
// The snapshot records the SHA-256 of each model source it names ("sources"), relative to the
// source root; the runner compares them with the files under [migrations] source_root
// (sqlmodel.toml; default: the file's own directory). Content, not timestamps: a checkout or a
// copy that changes no byte is no change, and an unchanged snapshot file need not be rewritten.
#pragma once

#include <optional>
#include <string>

#include "project_config.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::migrate::cli {

// Why the snapshot is stale, or nullopt when every source it names is as it was read (or it
// names none: a snapshot from an older plugin, or written by hand).
std::optional<std::string> stale_snapshot_reason(const ProjectConfig& config, const schema::Schema& snapshot);

}  // namespace sqlmodel::migrate::cli
