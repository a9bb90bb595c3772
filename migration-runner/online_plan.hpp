// Online plans: what `revision --online` writes instead of the plain operations of a diff, so
// that a migration neither blocks a busy PostgreSQL table for as long as the table is big, nor
// breaks the application version that is still running while it is applied.
//
// 1. Every operation gets its online form (online_form):
//    - create/drop index:      CONCURRENTLY, outside the migration's transaction
//    - add foreign key, check: NOT VALID, then validate_constraint in its own transaction
//    - add unique / primary key: a unique index built CONCURRENTLY, then ADD CONSTRAINT ...
//                              USING INDEX
//    - set NOT NULL:           CHECK (col IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL (which
//                              PostgreSQL 12+ then does without a scan), drop the CHECK; NULLs are
//                              first backfilled with the server default (or the model default)
//    Tables created by the same revision are empty: their operations stay as they are.
//
// 2. Changes the running application would break on are split (plan_online) into an expand
//    revision, which the old and the new application version both run against, and a contract
//    revision, applied once no old version runs:
//    - a column rename: expand adds the new column, a trigger that keeps old and new in step
//      both ways, and a backfill, and builds the new column's indexes and constraints; contract
//      drops the trigger and the old column and enforces NOT NULL on the new one;
//    - a type change that rewrites the table (int32 -> int64, ...): the same with a replacement
//      column (naming::replacement_column), which contract renames into place, together with its
//      indexes and constraints, built under temporary names;
//    - a new NOT NULL column without a server default: expand adds it with the model default as
//      a temporary server default (old versions insert without it), contract drops that default;
//    - a dropped column or table: expand leaves it (a NOT NULL column without a server default
//      becomes nullable, since the new version does not write it), contract drops it.
//    Each half's downgrade is planned the same way. A change the planner cannot split (a key
//    column, a column other tables refer to, a UUID default only the database can generate) is
//    written in its online form in the expand revision, and a note says why.
//
// Every plan is replayed before it is returned: the expand revision must lead from the schema
// at the head to the intermediate schema, the contract revision from there to the models, and
// both downgrades back. A plan that does not replay is not used (a note says so): the caller
// gets the plain operations in their online form, then the plain operations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "migration_file.hpp"
#include "schema/operations.hpp"

namespace sqlmodel::migrate {

struct OnlinePlanSettings {
  std::size_t backfill_batch_size = schema::Backfill::default_batch_size;
  std::int64_t backfill_pause_ms = schema::Backfill::default_pause_ms;
};

struct PlannedRevision {
  std::vector<schema::Operation> upgrade;
  std::vector<schema::Operation> downgrade;
  std::optional<MigrationPhase> phase;  // set when the change was split
};

struct OnlinePlan {
  std::vector<PlannedRevision> revisions;  // one, or expand then contract
  std::vector<std::string> notes;          // what could not be done online, and why
};

// `before`: the schema at the migrations head; `target`: the models (migration_view of the
// snapshot, with its renamed_from hints). Empty revisions when they are the same.
OnlinePlan plan_online(const schema::Schema& before, const schema::Schema& target, const OnlinePlanSettings& settings);

// Part 1 alone: `operations` (which apply to `before`) in their online form. Adds a note for
// each operation that still rewrites or scans a table under a lock.
std::vector<schema::Operation> online_form(const std::vector<schema::Operation>& operations,
                                           const schema::Schema& before, const OnlinePlanSettings& settings,
                                           std::vector<std::string>* notes = nullptr);

}  // namespace sqlmodel::migrate
