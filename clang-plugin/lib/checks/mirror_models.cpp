#include "checks.hpp"

namespace sqlmodel::plugin {

// A Create / Read / Update model mirrors a table: each field must be one of the table's
// columns with the same type; an Update model (.partial) has only optional fields.
void check_mirror_models(const CheckContext& context) {
  for (const MirrorModel& mirror : context.models.mirrors) {
    std::string model = quoted(mirror.decl->getName());
    if (mirror.mirrors.empty()) {
      context.reporter.error(mirror.location(), "mirror-models",
                             "SQLMODEL_MODEL " + model + " needs .mirrors = \"<table>\"");
      continue;
    }
    const TableModel* table = context.models.find_table_by_name_or_struct(mirror.mirrors);
    if (!table) {
      context.reporter.error(mirror.options.location_of("mirrors", mirror.location()), "mirror-models",
                             "model " + model + " mirrors " + quoted(mirror.mirrors) +
                                 ", which is not a table of this translation unit");
      continue;
    }
    for (const FieldModel& field : mirror.fields) {
      const FieldModel* column = table->find_field(field.column.name);
      if (!column) {
        std::optional<std::string> guess = closest_name(field.column.name, column_names(*table));
        context.reporter.error(field.location(), "mirror-models",
                               "field " + quoted(field.decl->getName()) + " of model " + model +
                                   " is not a column of table " + quoted(table->name) +
                                   (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
        continue;
      }
      if (field.column.type.kind != column->column.type.kind ||
          field.column.type.enum_name != column->column.type.enum_name ||
          field.column.type.element_kind != column->column.type.element_kind) {
        context.reporter.error(field.location(), "mirror-models",
                               "field " + quoted(field.decl->getName()) + " of model " + model +
                                   " is " + schema::format_type(field.column.type) + " but column " +
                                   quoted(table->name + "." + column->column.name) + " is " +
                                   schema::format_type(column->column.type));
        context.reporter.note(column->location(), "the column is declared here");
        continue;
      }
      if (mirror.partial && !field.type.optional) {
        auto diagnostic = context.reporter.error(
            field.location(), "mirror-models",
            "field " + quoted(field.decl->getName()) + " of partial model " + model +
                " must be std::optional: an update sets only the fields it has");
        attach(diagnostic, wrap_in_optional(field, context.sources(), context.ast.getLangOpts()));
      }
    }
  }
}

}  // namespace sqlmodel::plugin
