#include "checks.hpp"

namespace sqlmodel::plugin {

// A single-table child's members become columns of the shared table. Other models' rows hold
// NULL there, so each such column is nullable whatever the C++ type says:
//  - a member naming an ancestor's column with another type cannot be stored (error);
//  - `.nullable = false` cannot be honoured (error).
// (A non-optional member without a default is single-table-nullable's warning.)
void check_single_table_columns(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const SingleTableChild& child : table.single_table_children) {
      for (const FieldModel& field : child.conflicting_fields) {
        const FieldModel* existing = table.find_field(field.column.name);
        if (!existing) continue;
        std::string column = quoted(table.name + "." + field.column.name);
        context.reporter.report(
            Check::single_table_columns, field.location(),
            "member " + quoted(field.decl ? field.decl->getName() : "") + " of single-table child " +
                quoted(child.decl->getName()) + " maps to column " + column + " with type " +
                schema::format_type(field.column.type) + ", but the table has it as " +
                schema::format_type(existing->column.type) + ": a shared table has one column of each name");
        if (existing->location().isValid())
          context.reporter.note(existing->location(), column + " is declared here");
        else
          context.reporter.note(table.options.location_of("discriminator", table.location()),
                                column + " is the discriminator added here");
      }
    }
    for (const FieldModel& field : table.fields) {
      if (!field.single_table_model) continue;
      std::string column = quoted(table.name + "." + field.column.name);
      std::string child = quoted(field.single_table_model->getName());
      if (field.options.tristate("nullable") == false) {
        context.reporter.report(Check::single_table_columns, field.option_location("nullable"),
                                "column " + column + " of single-table child " + child +
                                    " cannot be NOT NULL: rows of the other models in table " +
                                    quoted(table.name) + " hold NULL there");
      }
    }
  }
}

}  // namespace sqlmodel::plugin
