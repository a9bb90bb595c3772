#include "checks.hpp"

namespace sqlmodel::plugin {

// A single-table child's members become columns of the shared table. Other models' rows hold
// NULL there, so each such column is nullable whatever the C++ type says:
//  - a member naming an ancestor's column with another type cannot be stored (error);
//  - `.nullable = false` cannot be honoured (error);
//  - a non-optional member with no default (no initializer, .server_default or
//    .default_factory) is a warning: the database cannot keep it set for the child's rows, and
//    a NULL written by anything else would not fit the member. The fix-it makes it
//    std::optional. With a default the value written for new objects is deliberate, so the
//    member stays as it is.
void check_single_table_columns(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const SingleTableChild& child : table.single_table_children) {
      for (const FieldModel& field : child.conflicting_fields) {
        const FieldModel* existing = table.find_field(field.column.name);
        if (!existing) continue;
        std::string column = quoted(table.name + "." + field.column.name);
        context.reporter.error(field.location(), "single-table-columns",
                               "member " + quoted(field.decl ? field.decl->getName() : "") +
                                   " of single-table child " + quoted(child.decl->getName()) +
                                   " maps to column " + column + " with type " +
                                   schema::format_type(field.column.type) + ", but the table has it as " +
                                   schema::format_type(existing->column.type) +
                                   ": a shared table has one column of each name");
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
        context.reporter.error(field.option_location("nullable"), "single-table-columns",
                               "column " + column + " of single-table child " + child +
                                   " cannot be NOT NULL: rows of the other models in table " +
                                   quoted(table.name) + " hold NULL there");
        continue;
      }
      bool has_default = field.column.default_value || field.column.server_default || field.column.default_factory;
      if (field.type.optional || has_default) continue;
      auto diagnostic = context.reporter.warning(
          field.location(), "single-table-nullable",
          "column " + column + " of single-table child " + child +
              " is nullable in the shared table (rows of the other models hold NULL), but member " +
              quoted(field.decl ? field.decl->getName() : field.column.name) +
              " is not std::optional and has no default: make it std::optional or give it a default");
      attach(diagnostic, wrap_in_optional(field, context.sources(), context.ast.getLangOpts()));
    }
  }
}

}  // namespace sqlmodel::plugin
