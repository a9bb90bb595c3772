// drop-table, drop-column: steps that destroy data. A downgrade taking away what its own
// revision's upgrade added is what downgrades are for, and a table created earlier in the same
// list holds nothing yet: neither is reported, nor is the old column of an expand/contract
// change, whose values a sync trigger kept in the column that replaces it.
#include "lint/checks.hpp"

namespace sqlmodel::migrate::lint {

CheckResult check_drop_table(const StepContext& step) {
  const auto* drop = std::get_if<schema::DropTable>(&step.operation);
  if (!drop || !step.existing_table(drop->table.name) || step.undoes_upgrade_table(drop->table.name))
    return std::nullopt;
  return "drops table " + quoted_name(drop->table.name) + " and every row in it";
}

CheckResult check_drop_column(const StepContext& step) {
  const auto* drop = std::get_if<schema::DropColumn>(&step.operation);
  if (!drop || !step.existing_table(drop->table) || step.undoes_upgrade_column(drop->table, drop->column.name))
    return std::nullopt;
  // Expand/contract: a sync trigger kept the column's values in another column, which stays.
  if (const std::string* partner = step.synced_with(drop->table, drop->column.name)) {
    const schema::Table* table = step.after.find_table(drop->table);
    if (table && table->find_column(*partner)) return std::nullopt;
  }
  return "drops column " + quoted_name(drop->table, drop->column.name) + " and every value in it";
}

}  // namespace sqlmodel::migrate::lint
