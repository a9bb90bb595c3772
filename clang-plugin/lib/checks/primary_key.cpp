#include "checks.hpp"

namespace sqlmodel::plugin {

// Every table needs a primary key: the ORM identifies rows by it, and migrations cannot
// rebuild a table without one. foreign-key-unique stays quiet about keys to the column the
// fix-it marks.
void check_primary_key(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    if (!table.primary_key().empty()) continue;
    const FieldModel* id = proposed_primary_key(context.models, table);
    {
      auto diagnostic = context.reporter.report(Check::primary_key, table.location(),
                                                "table " + quoted(table.name) + " has no primary key");
      // The conventional key column (or the one other tables refer to) gets the option.
      if (id) attach(diagnostic, add_field_option(*id, ".primary_key = true", context.sources()));
    }
    if (id)
      context.reporter.note(id->location(), "mark the key column with .primary_key = true");
    else
      context.reporter.note(table.location(),
                            "add a key column, e.g. SQLMODEL_FIELD(.primary_key = true) "
                            "std::optional<std::int64_t> id;");
  }
}

}  // namespace sqlmodel::plugin
