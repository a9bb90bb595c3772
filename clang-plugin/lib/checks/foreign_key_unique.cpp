#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {

// PostgreSQL (and SQLite on insert) refuse a foreign key to a column that is neither the
// primary key nor unique: "there is no unique constraint matching given keys".
void check_foreign_key_unique(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      ResolvedForeignKey target = resolve_foreign_key(context.models, field);
      if (!target.column || is_unique_column(*target.table, *target.column)) continue;
      context.reporter.report(Check::foreign_key_unique, field.option_location("foreign_key"),
                              "foreign key of column " + quoted(table.name + "." + field.column.name) +
                                  " refers to " +
                                  quoted(target.table->name + "." + target.column->column.name) +
                                  ", which is neither the primary key nor unique");
      auto note = context.reporter.note(target.column->location(),
                                        "make the referenced column unique");
      attach(note, add_field_option(*target.column, ".unique = true", context.sources()));
    }
  }
}

}  // namespace sqlmodel::plugin
