#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {

// A foreign key column holds the referenced column's values, so it has the same type (string
// lengths may differ: the database compares the values, not the declared lengths). The fix-it
// gives the column the referenced member's value type, as that member spells it.
void check_foreign_key_type(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      ResolvedForeignKey target = resolve_foreign_key(context.models, field);
      if (!target.column) continue;
      schema::ColumnType mine = field.column.type, theirs = target.column->column.type;
      mine.max_length.reset();
      theirs.max_length.reset();
      if (mine == theirs) continue;
      {
        auto diagnostic = context.reporter.report(
            Check::foreign_key_type, field.location(),
            "column " + quoted(table.name + "." + field.column.name) + " is " +
                schema::format_type(field.column.type) + " but its foreign key refers to " +
                quoted(target.table->name + "." + target.column->column.name) + ", which is " +
                schema::format_type(target.column->column.type));
        attach(diagnostic, retype_like(field, *target.column, context.sources(), context.ast.getLangOpts()));
      }
      context.reporter.note(target.column->location(), "the referenced column is declared here");
    }
  }
}

}  // namespace sqlmodel::plugin
