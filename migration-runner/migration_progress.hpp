// Where a revision that does not run in one transaction got to.
//
// Most revisions run in one transaction with their version-table row, so they are applied or
// not. An online revision has steps that commit on their own: CREATE INDEX CONCURRENTLY (no
// transaction at all), VALIDATE CONSTRAINT (a transaction of its own), a backfill (one per
// batch). Each such commit also records here how many steps are done (and how far the backfill
// in progress got), in the same transaction where there is one, so a run that fails or is killed
// is resumed by the next `upgrade` (or `downgrade`) from the first step not done, and nothing
// is run twice:
//
//   sqlmodel_version_progress(revision      VARCHAR(32) PRIMARY KEY,
//                             direction     VARCHAR(10)  -- 'upgrade' or 'downgrade'
//                             steps_done    BIGINT       -- steps [0, steps_done) are committed
//                             done_checksum VARCHAR(64)  -- SHA-256 of those steps' JSON
//                             position      TEXT         -- the backfill's last key (JSON array)
//                             updated_at    VARCHAR(32))
//
// The row goes away in the transaction that records the revision in sqlmodel_version (or
// removes it, for a downgrade). The table is created the first time it is needed and is skipped
// by introspection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "migration_file.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::migrate {

inline constexpr std::string_view progress_table_name = schema::naming::progress_table;

struct RevisionProgress {
  std::string revision;
  bool upgrade = true;
  std::size_t steps_done = 0;
  std::string done_checksum;
  std::optional<std::string> position;  // JSON array of the last key's values, as text
  std::string updated_at;
};

// The checksum of the first `steps` operations of the migration's upgrade or downgrade list: a
// file fixed after a failure may be resumed as long as the steps already done are unchanged.
std::string steps_checksum(const Migration& migration, bool upgrade, std::size_t steps);

class ProgressTable {
 public:
  explicit ProgressTable(db::Connection& connection) : connection_(connection) {}

  // Every row; empty when the table does not exist.
  std::vector<RevisionProgress> read();
  // Within the caller's transaction (or in autocommit): creates the table when missing, then
  // inserts or replaces the revision's row.
  void save(const RevisionProgress& progress);
  // No-op when the table or the row does not exist.
  void remove(const std::string& revision);

 private:
  bool exists();
  db::Connection& connection_;
};

}  // namespace sqlmodel::migrate
