#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {
namespace {

// The column leads some index the database can use for lookups by it.
bool leads_an_index(const TableModel& table, const FieldModel& field) {
  std::vector<const FieldModel*> key = table.primary_key();
  if (!key.empty() && key[0] == &field) return true;
  for (const ConstraintModel& constraint : table.constraints)
    if (constraint.kind != ConstraintModel::Kind::check && !constraint.where &&
        !constraint.columns.empty() && constraint.columns[0] == field.column.name)
      return true;
  return false;
}

}  // namespace

// Without an index on the referencing column, deleting a parent row scans the child table
// (PostgreSQL does not index foreign keys on its own).
void check_foreign_key_index(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.foreign_key || leads_an_index(table, field)) continue;
      // A key foreign-key-target reports is fixed first; its index is a question for later.
      if (!resolve_foreign_key(context.models, field).column) continue;
      auto diagnostic =
          context.reporter.report(Check::foreign_key_index, field.location(),
                                  "foreign key column " + quoted(table.name + "." + field.column.name) +
                                      " has no index: joins and parent deletes will scan the table");
      attach(diagnostic, add_field_option(field, ".index = true", context.sources()));
    }
  }
}

}  // namespace sqlmodel::plugin
