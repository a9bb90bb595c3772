// Render: operations to dialect SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "schema/operations.hpp"

namespace sqlmodel::schema {

// A batched backfill's statements (Backfill). Keys travel as text parameters, one per primary
// key column ($1..$n on PostgreSQL, ?1..?n on SQLite). The engine loops, from no key:
//   bound = first_bound(size - 1) or next_bound(last, size - 1)  -- the key `size` rows further on
//           (size: at most batch_size; the offset is the last parameter)
//   a bound:   update_first(bound) or update_next(last, bound); last = bound; next batch
//   no bound:  update_all() or update_rest(last), and stop
// (update_next takes the last key as $1..$n and the bound as $n+1..$2n.)
// Each UPDATE returns the number of rows it changed as one row of one column, or runs through
// execute() followed by `count_changes` when the dialect cannot (SQLite).
struct BackfillStatements {
  std::string table;
  std::vector<std::string> key_columns;
  std::size_t batch_size = 0;
  std::int64_t pause_ms = 0;
  std::string first_bound, next_bound;
  std::string update_first, update_next, update_rest, update_all;
  std::string count_changes;  // empty: the UPDATE statements return the count themselves
  std::string estimate_rows;  // one row, one column: about how many rows the table has
  std::string one_statement;  // the whole backfill as one plain UPDATE (offline SQL)
};

struct RenderedStep {
  std::vector<std::string> statements;
  // SQLite table rebuild: PRAGMA foreign_keys must be OFF around the transaction, and
  // PRAGMA foreign_key_check must come back empty before commit.
  bool needs_foreign_keys_off = false;
  // PostgreSQL statements that must run committed on their own, between the migration's
  // transactions: ALTER TYPE ... ADD VALUE, whose value cannot be used in the transaction that
  // added it, so a migration may add a value and use it (a default, an UPDATE).
  bool outside_transaction = false;
  // SQLite: the tables this step drops and recreates (the table rebuild). Their indexes are
  // recreated by the step itself and views that use them survive, but the schema model holds no
  // triggers: whoever runs the step reads `SELECT sql FROM sqlite_schema WHERE type = 'trigger'
  // AND tbl_name = ?` for each of them before, and runs those statements again after.
  std::vector<std::string> rebuilt_tables;
  // PostgreSQL statements that need a transaction of their own (VALIDATE CONSTRAINT: it scans
  // the table under a lock that lets writes through, and must not hold the stronger locks of
  // the steps before it while it does).
  bool own_transaction = false;
  // PostgreSQL CREATE [UNIQUE] INDEX CONCURRENTLY (outside_transaction): the index it builds. A
  // build that fails or is interrupted leaves an INVALID index of that name behind, which the
  // engine drops before running the step again; a valid one means an earlier run built it.
  std::optional<std::string> builds_index;
  // Backfill: the engine runs these in batches instead of `statements` (which stay empty).
  std::optional<BackfillStatements> backfill;
};

// SQL for one operation. `before` is the schema the operation applies to (as replayed from the
// migrations before it): the SQLite rebuild procedure needs the whole table. Statements quote
// every identifier and literal.
RenderedStep render_operation(const Operation& operation, const Schema& before, Dialect dialect);

// SQL for a list, replaying each operation onto a copy of `before` as it goes.
std::vector<RenderedStep> render_operations(const std::vector<Operation>& operations,
                                            const Schema& before, Dialect dialect);

}  // namespace sqlmodel::schema
