// Render: operations to dialect SQL.
#pragma once

#include <string>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "schema/operations.hpp"

namespace sqlmodel::schema {

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
};

// SQL for one operation. `before` is the schema the operation applies to (as replayed from the
// migrations before it): the SQLite rebuild procedure needs the whole table. Statements quote
// every identifier and literal.
RenderedStep render_operation(const Operation& operation, const Schema& before, Dialect dialect);

// SQL for a list, replaying each operation onto a copy of `before` as it goes.
std::vector<RenderedStep> render_operations(const std::vector<Operation>& operations,
                                            const Schema& before, Dialect dialect);

}  // namespace sqlmodel::schema
