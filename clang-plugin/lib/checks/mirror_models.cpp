#include "checks.hpp"

namespace sqlmodel::plugin {
namespace {

std::string member_name(const FieldModel& field) {
  return field.decl ? field.decl->getName().str() : std::string();
}

// A mirror field stands for the table struct's member of the same name (as a SQLModel field
// does for the attribute), whatever the column is called (.name).
const FieldModel* find_member(const TableModel& table, const std::string& name) {
  for (const FieldModel& field : table.fields)
    if (member_name(field) == name) return &field;
  return nullptr;
}

std::vector<std::string> member_names(const TableModel& table) {
  std::vector<std::string> names;
  for (const FieldModel& field : table.fields)
    if (field.decl) names.push_back(member_name(field));
  return names;
}

void report_unknown_field(const CheckContext& context, const TableModel& table,
                          const FieldModel& field, const std::string& model) {
  std::string name = member_name(field);
  std::string text = "field " + quoted(name) + " of model " + model;
  const FieldModel* by_column = table.find_field(name);
  if (by_column && by_column->decl) {
    text += " is named after column " + quoted(table.name + "." + name) +
            ": a mirror field takes the name of the table struct's member, " +
            quoted(member_name(*by_column));
  } else {
    text += " is not a column of table " + quoted(table.name);
    if (std::optional<std::string> guess = closest_name(name, member_names(table)))
      text += "; did you mean " + quoted(*guess) + "?";
  }
  context.reporter.report(Check::mirror_models, field.location(), text);
}

// std::optional<std::optional<V>>: an Update model's way to set a column to NULL. Anywhere
// else, or over a column that cannot hold NULL, it cannot do what it says.
void check_nested_optional(const CheckContext& context, const MirrorModel& mirror,
                           const TableModel& table, const FieldModel& field,
                           const FieldModel& column, const std::string& model) {
  std::string name = quoted(member_name(field));
  if (!mirror.partial) {
    auto diagnostic =
        context.reporter.report(Check::mirror_models, field.location(),
                                "field " + name + " of model " + model +
                                    " is std::optional<std::optional<T>>, which only a partial model "
                                    "(.partial = true) uses: it tells an unset field from one set to NULL");
    attach(diagnostic, unwrap_outer_optional(field));
    return;
  }
  if (column.column.nullable && column.type.optional) return;
  std::string where = quoted(table.name + "." + column.column.name);
  std::string why = !column.column.nullable
                        ? "column " + where + " is NOT NULL"
                        : "member " + quoted(table.decl->getName().str() + "::" + member_name(column)) +
                              " of column " + where + " is not std::optional";
  {
    auto diagnostic =
        context.reporter.report(Check::mirror_models, field.location(),
                                "field " + name + " of partial model " + model +
                                    " is std::optional<std::optional<T>> to set the column to NULL, but " +
                                    why + ": use std::optional<T>");
    attach(diagnostic, unwrap_outer_optional(field));
  }  // emitted before its note
  context.reporter.note(column.location(), "the column is declared here");
}

}  // namespace

// A Create / Read / Update model mirrors a table: each field must be one of the table's
// members with the same column type; an Update model (.partial) has only optional fields.
void check_mirror_models(const CheckContext& context) {
  for (const MirrorModel& mirror : context.models.mirrors) {
    std::string model = quoted(mirror.decl->getName());
    if (mirror.mirrors.empty()) {
      context.reporter.report(Check::mirror_models, mirror.location(),
                              "SQLMODEL_MODEL " + model + " needs .mirrors = \"<table>\"");
      continue;
    }
    if (context.models.is_ambiguous_table_name(mirror.mirrors)) continue;  // table-names reports it
    const TableModel* table = context.models.find_table_by_name_or_struct(mirror.mirrors);
    if (!table) {
      context.reporter.report(Check::mirror_models, mirror.options.location_of("mirrors", mirror.location()),
                              "model " + model + " mirrors " + quoted(mirror.mirrors) +
                                  ", which is not a table of this translation unit");
      continue;
    }
    for (const FieldModel& field : mirror.fields) {
      if (field.mirror_only) continue;  // the model's own field (.column = false)
      const FieldModel* column = find_member(*table, member_name(field));
      if (!column) {
        report_unknown_field(context, *table, field, model);
        continue;
      }
      // The members' C++ mappings, not the columns' spellings: .sql_type = "text" on the
      // table's std::string still takes a std::string field.
      const schema::ColumnType& field_type = field.type.type;
      const schema::ColumnType& member_type = column->type.type;
      if (field_type.kind != member_type.kind || field_type.enum_name != member_type.enum_name ||
          field_type.element_kind != member_type.element_kind ||
          field.type.json_struct != column->type.json_struct) {
        context.reporter.report(Check::mirror_models, field.location(),
                               "field " + quoted(field.decl->getName()) + " of model " + model +
                                   " is " + schema::format_type(field_type) + " but column " +
                                   quoted(table->name + "." + column->column.name) + " is " +
                                   schema::format_type(column->column.type));
        context.reporter.note(column->location(), "the column is declared here");
        continue;
      }
      if (field.type.nested_optional) {
        check_nested_optional(context, mirror, *table, field, *column, model);
        continue;
      }
      if (mirror.partial && !field.type.optional) {
        auto diagnostic =
            context.reporter.report(Check::mirror_models, field.location(),
                                    "field " + quoted(field.decl->getName()) + " of partial model " + model +
                                        " must be std::optional: an update sets only the fields it has");
        attach(diagnostic, wrap_in_optional(field, context.sources(), context.ast.getLangOpts()));
      }
    }
  }
}

}  // namespace sqlmodel::plugin
