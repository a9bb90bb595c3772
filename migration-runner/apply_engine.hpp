// The apply engine: moves a live database along the revision graph.
//
// Each migration runs in ONE transaction with its version-table row, so a migration is either
// fully applied and recorded or not at all: a failing statement rolls its migration back and
// the version table stays at the last good revision. Exceptions to one transaction, stated in
// the error when they matter: PostgreSQL statements that cannot run in a transaction block
// (RenderedStep::outside_transaction) run between two transactions; SQLite table rebuilds turn
// PRAGMA foreign_keys OFF around the transaction (it cannot change inside one) and require an
// empty PRAGMA foreign_key_check before COMMIT.
//
// Before anything runs, the version table is checked against the migrations directory: an
// applied revision whose file was edited since (SHA-256 of the file's canonical content, so
// whitespace and line endings do not count) or deleted is refused by name. One runner at a time (migration_lock.hpp); once it holds the lock a runner
// re-reads the version table, so a revision another runner applied meanwhile is not applied
// twice.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "migration_lock.hpp"
#include "revision_graph.hpp"
#include "version_table.hpp"

namespace sqlmodel::migrate {

// An applied revision whose file no longer has the content that was applied.
struct EditedMigration {
  std::string revision;
  std::filesystem::path path;
  std::string recorded_checksum;
  std::string file_checksum;
};

// The version table read against the migrations directory.
struct DatabaseState {
  // In the order they were applied; rows of an older PostgreSQL table that share applied_at
  // (whole seconds) in replay order.
  std::vector<AppliedRevision> rows;
  std::set<std::string> applied;
  std::vector<std::string> unknown;  // applied revisions with no migration file
  std::vector<EditedMigration> edited;
  // Applied, unchanged, but recorded with the checksum of the file's bytes (an older
  // sqlmodel-migrate): runners rewrite these rows to the content checksum.
  std::vector<std::string> byte_checksums;
  // Applied revisions with no applied child, in replay order: "where the database is".
  std::vector<std::string> heads;

  bool at_base() const { return applied.empty(); }
};

DatabaseState read_database_state(db::Connection& connection, const RevisionGraph& graph);

// "base", "3f2a9c1b7d4e", or "3f2a9c1b7d4e, 8d1e0f2a3b4c" when two branches are applied.
std::string describe_position(const DatabaseState& state);

// "migrations/0003_....json (revision ...) was edited after it was applied ..." for people.
std::string describe_edited(const EditedMigration& edited);

// An applied migration file was edited or removed: refused, by name. A project error (the
// files no longer describe the database), so it derives from RevisionError.
class AppliedMigrationChanged : public RevisionError {
 public:
  using RevisionError::RevisionError;
};
// Throws AppliedMigrationChanged when `state` has edited or unknown revisions.
void refuse_changed_migrations(const DatabaseState& state);

// A statement of a migration failed; the migration was rolled back. what() names the revision,
// its file, the step and operation, quotes the failing statement and says where the database
// stays; statement() is the failing statement.
class MigrationFailed : public DatabaseError {
 public:
  MigrationFailed(const std::string& message, std::string statement, std::string revision)
      : DatabaseError(message, std::move(statement)), revision_(std::move(revision)) {}
  const std::string& revision() const { return revision_; }

 private:
  std::string revision_;
};

struct ApplyOptions {
  LockOptions lock;
  // Progress lines (revision, step k/n, elapsed time); null for silence.
  std::ostream* progress = nullptr;
  // Also a line per operation, not only per revision.
  bool show_steps = true;
};

struct ApplyResult {
  std::vector<std::string> revisions;  // applied (upgrade) or undone (downgrade), in order
  DatabaseState final_state;
};

// `target`: head | REV | +N | REV+N (see RevisionGraph::resolve). Two heads: RevisionError
// naming them. Refuses edited or unknown applied revisions before running anything.
ApplyResult upgrade(db::Connection& connection, const RevisionGraph& graph, std::string_view target,
                    const ApplyOptions& options);
// `target`: REV | -N | base. The target must be applied (or base).
ApplyResult downgrade(db::Connection& connection, const RevisionGraph& graph, std::string_view target,
                      const ApplyOptions& options);

struct StampResult {
  std::vector<std::string> recorded;
  std::vector<std::string> removed;
  std::vector<EditedMigration> accepted;  // edited files whose new checksum was recorded
  DatabaseState final_state;              // .edited: applied files edited since, still refused
};
// Makes the version table say the database is at `target` (and its ancestors) without running
// any migration: rows are added for missing revisions and removed for the others, including
// revisions whose file is gone. For a database created some other way.
//
// A row whose file was edited after it was applied keeps its recorded checksum (stamp does not
// vouch for an edit it did not look at): it stays in final_state.edited, and `upgrade` keeps
// refusing it. `accept_edited` names the revisions whose edit the user has reviewed (a comment,
// a reformatted file, a step the database already matches): their rows take the file's
// checksum. Naming one that is not an edited applied revision is a RevisionError.
StampResult stamp(db::Connection& connection, const RevisionGraph& graph, std::string_view target,
                  const ApplyOptions& options, const std::vector<std::string>& accept_edited = {});

}  // namespace sqlmodel::migrate
