// rename-table, rename-column: the running application version still uses the old name.
#include "lint/checks.hpp"

namespace sqlmodel::migrate::lint {

CheckResult check_rename_table(const StepContext& step) {
  const auto* rename = std::get_if<schema::RenameTable>(&step.operation);
  if (!rename || !step.existing_table(rename->from)) return std::nullopt;
  return "renames table " + quoted_name(rename->from) + " to " + quoted_name(rename->to);
}

CheckResult check_rename_column(const StepContext& step) {
  const auto* rename = std::get_if<schema::RenameColumn>(&step.operation);
  if (!rename || !step.existing_table(rename->table)) return std::nullopt;
  return "renames column " + quoted_name(rename->table, rename->from) + " to " + quoted_name(rename->to);
}

}  // namespace sqlmodel::migrate::lint
