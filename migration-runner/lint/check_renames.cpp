// rename-table, rename-column: the running application version still uses the old name.
// Expand/contract's swap of two columns kept in step is not a rename the application sees.
#include <algorithm>

#include "lint/checks.hpp"

namespace sqlmodel::migrate::lint {

CheckResult check_rename_table(const StepContext& step) {
  const auto* rename = std::get_if<schema::RenameTable>(&step.operation);
  if (!rename || !step.existing_table(rename->from)) return std::nullopt;
  return "renames table " + quoted_name(rename->from) + " to " + quoted_name(rename->to);
}

namespace {

// Expand/contract's swap: the column a sync trigger kept in step with the one of the target name
// takes its place (contract: drop "score", rename "_sqlmodel_new_score" to "score"), or gives the
// name back to it (its downgrade: rename "score" away, add "score" again). The application sees
// a column of that name, holding the same values, before and after.
bool swaps_synced_columns(const StepContext& step, const schema::RenameColumn& rename) {
  const std::string* partner = step.synced_with(rename.table, rename.from);
  if (!partner || *partner != rename.to) return false;
  if (step.list.dropped_columns.count({rename.table, rename.to})) return true;
  const auto& operations = *step.list.operations;
  return std::any_of(operations.begin() + static_cast<std::ptrdiff_t>(step.index) + 1, operations.end(),
                     [&](const schema::Operation& operation) {
                       const auto* add = std::get_if<schema::AddColumn>(&operation);
                       return add && add->table == rename.table && add->column.name == rename.from;
                     });
}

}  // namespace

CheckResult check_rename_column(const StepContext& step) {
  const auto* rename = std::get_if<schema::RenameColumn>(&step.operation);
  if (!rename || !step.existing_table(rename->table) || swaps_synced_columns(step, *rename)) return std::nullopt;
  return "renames column " + quoted_name(rename->table, rename->from) + " to " + quoted_name(rename->to);
}

}  // namespace sqlmodel::migrate::lint
