#include "checks.hpp"

namespace sqlmodel::plugin {

// A single-table child's column is nullable in the shared table (other models' rows hold NULL
// there). A non-optional member with no default (no initializer, .server_default or
// .default_factory) cannot be kept set by the database for the child's rows, and a NULL
// written by anything else would not fit the member: the fix-it makes it std::optional. With
// a default the value written for new objects is deliberate, so the member stays as it is.
// (`.nullable = false` on such a column is single-table-columns' error.)
void check_single_table_nullable(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.single_table_model || field.options.tristate("nullable") == false) continue;
      bool has_default = field.column.default_value || field.column.has_server_default() || field.column.default_factory;
      if (field.type.optional || has_default) continue;
      std::string column = quoted(table.name + "." + field.column.name);
      auto diagnostic = context.reporter.report(
          Check::single_table_nullable, field.location(),
          "column " + column + " of single-table child " + quoted(field.single_table_model->getName()) +
              " is nullable in the shared table (rows of the other models hold NULL), but member " +
              quoted(field.decl ? field.decl->getName() : field.column.name) +
              " is not std::optional and has no default: make it std::optional or give it a default");
      attach(diagnostic, wrap_in_optional(field, context.sources(), context.ast.getLangOpts()));
    }
  }
}

}  // namespace sqlmodel::plugin
