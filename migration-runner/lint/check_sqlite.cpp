// sqlite-table-rebuild: a table copied row by row under the database's write lock.
#include "lint/checks.hpp"

namespace sqlmodel::migrate::lint {

CheckResult check_sqlite_table_rebuild(const StepContext& step) {
  std::string tables;
  for (const auto& table : step.rendered.rebuilt_tables)
    if (step.existing_table(table)) tables += (tables.empty() ? "" : ", ") + quoted_name(table);
  if (tables.empty()) return std::nullopt;
  return "rebuilds " + tables + ": every row is copied while writers wait";
}

}  // namespace sqlmodel::migrate::lint
