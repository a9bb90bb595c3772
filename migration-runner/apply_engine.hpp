// The apply engine: moves a live database along the revision graph.
//
// Each migration runs in ONE transaction with its version-table row, so a migration is either
// fully applied and recorded or not at all: a failing statement rolls its migration back and
// the version table stays at the last good revision. SQLite table rebuilds turn PRAGMA
// foreign_keys OFF around the transaction (it cannot change inside one) and require an empty
// PRAGMA foreign_key_check before COMMIT.
//
// The exceptions are the steps that commit on their own (RenderedStep): PostgreSQL statements
// that cannot run in a transaction block (ALTER TYPE ... ADD VALUE, CREATE/DROP INDEX
// CONCURRENTLY) run between transactions, VALIDATE CONSTRAINT runs in a transaction of its own,
// a backfill in one transaction per batch. A migration with such steps is a run of units, and
// after each committed unit that is not the last, migration_progress.hpp records how far it got:
// a run that fails or is killed is resumed by the next upgrade (downgrade) from the first step
// not done, never redone from the start. Every step that runs outside a transaction is
// idempotent (IF [NOT] EXISTS; an index left INVALID by a failed CONCURRENTLY build is dropped
// and built again, a valid one is kept), so a kill between such a step and its record is safe.
//
// On PostgreSQL a migration's "lock_timeout" (or the project's) is set for every statement; a
// unit whose lock is not granted in time (or that deadlocks) is rolled back and run again after
// a growing pause, a bounded number of times, each retry reported.
//
// Before anything runs, the version table is checked against the migrations directory: an
// applied revision whose file was edited since (SHA-256 of the file's canonical content, so
// whitespace and line endings do not count) or deleted is refused by name. One runner at a time (migration_lock.hpp); once it holds the lock a runner
// re-reads the version table, so a revision another runner applied meanwhile is not applied
// twice.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "migration_lock.hpp"
#include "migration_progress.hpp"
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
  // Revisions an earlier run left part-way (migration_progress.hpp).
  std::vector<RevisionProgress> partial;
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

// The phase of an expand/contract change the database is in: "expand" while a contract revision
// is not applied and the expand revision before it is (the pending contract revisions are
// listed), "contract" when the newest applied revision is a contract revision; nullopt when
// neither (no phased revision applied, or the database moved past them).
struct PhaseStatus {
  MigrationPhase phase = MigrationPhase::expand;
  std::vector<const Migration*> pending_contracts;
};
std::optional<PhaseStatus> database_phase(const RevisionGraph& graph, const DatabaseState& state);

// One line per revision an earlier run left part-way: where it stopped and how to go on.
std::vector<std::string> describe_partial(const RevisionGraph& graph, const DatabaseState& state);

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

// How long a PostgreSQL statement waits for a lock, and how often a unit whose lock was not
// granted is tried again. A migration's own "lock_timeout" / "lock_retries" win over these.
struct LockRetryOptions {
  std::optional<std::int64_t> lock_timeout_ms;  // unset: no limit (PostgreSQL's default)
  int retries = 5;
  std::chrono::milliseconds first_delay{500};  // doubled after each retry, up to max_delay
  std::chrono::milliseconds max_delay{30000};
};

struct ApplyOptions {
  LockOptions lock;
  LockRetryOptions lock_retry;
  // Progress lines (revision, step k/n, elapsed time); null for silence.
  std::ostream* progress = nullptr;
  // Also a line per operation, not only per revision.
  bool show_steps = true;
  // upgrade: apply no revision marked "phase": "contract", nor anything after one (the deploy
  // step between expand and contract).
  bool stop_before_contract = false;
  // How long one batch of a backfill step may hold its rows' locks: a slower batch makes the
  // next one smaller in proportion (at least halved), a much faster one doubles it, up to the
  // step's batch_size (0: every batch has batch_size rows).
  std::chrono::milliseconds backfill_batch_time{50};
};

struct ApplyResult {
  std::vector<std::string> revisions;  // applied (upgrade) or undone (downgrade), in order
  DatabaseState final_state;
  // upgrade with stop_before_contract: the contract revision it stopped before, if any.
  std::optional<std::string> stopped_before = std::nullopt;
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
