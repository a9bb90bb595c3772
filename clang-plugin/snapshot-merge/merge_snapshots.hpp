// Merging per-translation-unit snapshots into one schema. A model included by several
// translation units appears in several snapshots: identical copies collapse into one; two
// different definitions of one table (or enum) are an error naming both. The exception is a
// single-table hierarchy: translation units that include different children of one root
// (same declaration, same discriminator) each see part of its table, and the merged table
// is the union of their columns, constraints, indexes and polymorphic identities.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::snapshot_merge {

class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SnapshotInput {
  std::string origin;  // the file name, for messages
  schema::Schema schema;
};

// Throws MergeError on conflicting definitions.
schema::Schema merge(const std::vector<SnapshotInput>& inputs);

}  // namespace sqlmodel::snapshot_merge
