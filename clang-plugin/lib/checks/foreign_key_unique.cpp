#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {

// PostgreSQL (and SQLite on insert) refuse a foreign key to a column that is neither the
// primary key nor unique: "there is no unique constraint matching given keys". A table without
// a primary key is primary-key's error: a key to the column its fix-it marks (or to any column,
// when it proposes none) is what the missing key causes, and "make it unique" would be the
// wrong fix.
void check_foreign_key_unique(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      ResolvedForeignKey target = resolve_foreign_key(context.models, field);
      if (!target.column || is_unique_column(*target.table, *target.column)) continue;
      if (target.table->primary_key().empty()) {
        const FieldModel* proposed = proposed_primary_key(context.models, *target.table);
        if (!proposed || proposed == target.column) continue;
      }
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
