#include "checks.hpp"

namespace sqlmodel::plugin {

// renamed_from tells migrations to rename old -> new. If the old name is still a live column
// (or table), the rename would collide with it.
void check_renamed_from(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    if (table.renamed_from) {
      if (const TableModel* live = context.models.find_table(*table.renamed_from)) {
        context.reporter.report(Check::renamed_from,
                                table.options.location_of("renamed_from", table.location()),
                                "table " + quoted(table.name) + " is renamed from " +
                                    quoted(*table.renamed_from) + ", which is still a table");
        context.reporter.note(live->location(), "the live table is declared here");
      }
    }
    for (const FieldModel& field : table.fields) {
      if (!field.column.renamed_from) continue;
      if (*field.column.renamed_from == field.column.name) {
        context.reporter.report(
            Check::renamed_from, field.option_location("renamed_from"),
            "column " + quoted(table.name + "." + field.column.name) + " is renamed from itself");
        continue;
      }
      const FieldModel* live = table.find_field(*field.column.renamed_from);
      if (!live) continue;
      context.reporter.report(Check::renamed_from, field.option_location("renamed_from"),
                              "column " + quoted(table.name + "." + field.column.name) + " is renamed from " +
                                  quoted(*field.column.renamed_from) +
                                  ", which is still a column of the table");
      context.reporter.note(live->location(), "the live column is declared here");
    }
  }
}

}  // namespace sqlmodel::plugin
