#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {
namespace {

std::vector<std::string> table_names(const ModelSet& models) {
  std::vector<std::string> names;
  for (const TableModel& table : models.tables) names.push_back(table.name);
  return names;
}

}  // namespace

// .foreign_key = "table.column" must name a table of this translation unit and one of its
// columns; a near miss gets a "did you mean" fix-it.
void check_foreign_key_target(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.foreign_key) continue;
      clang::SourceLocation where = field.option_location("foreign_key");
      std::optional<ForeignKeyTarget> target = split_foreign_key(*field.foreign_key);
      if (!target) {
        context.reporter.report(Check::foreign_key_target, where,
                                "foreign key " + schema::cpp_string_literal(*field.foreign_key) + " of column " +
                                    quoted(table.name + "." + field.column.name) +
                                    " is not of the form \"table.column\"");
        continue;
      }
      if (context.models.is_ambiguous_table_name(target->table)) continue;  // table-names reports it
      const TableModel* referenced = context.models.find_table(target->table);
      if (!referenced) {
        // A struct name instead of its table name is the commonest slip.
        const TableModel* by_struct = context.models.find_table_by_name_or_struct(target->table);
        std::optional<std::string> guess =
            by_struct ? std::optional<std::string>(by_struct->name)
                      : closest_name(target->table, table_names(context.models));
        {
          auto diagnostic = context.reporter.report(
              Check::foreign_key_target, where,
              "foreign key of column " + quoted(table.name + "." + field.column.name) +
                  " refers to unknown table " + quoted(target->table) +
                  (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
          if (guess)
            attach(diagnostic, replace_option_value(field.options, "foreign_key",
                                                    schema::cpp_string_literal(*guess + "." + target->column)));
        }
        if (guess)
          if (const TableModel* suggested = context.models.find_table(*guess))
            context.reporter.note(suggested->location(),
                                  "table " + quoted(*guess) + " is declared here");
        continue;
      }
      if (referenced->find_field(target->column)) continue;
      std::optional<std::string> guess = closest_name(target->column, column_names(*referenced));
      {
        auto diagnostic =
            context.reporter.report(Check::foreign_key_target, where,
                                    "foreign key of column " + quoted(table.name + "." + field.column.name) +
                                        " refers to unknown column " + quoted(target->column) + " of table " +
                                        quoted(referenced->name) +
                                        (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
        if (guess)
          attach(diagnostic, replace_option_value(field.options, "foreign_key",
                                                  schema::cpp_string_literal(referenced->name + "." + *guess)));
      }
      context.reporter.note(referenced->location(),
                            "table " + quoted(referenced->name) + " is declared here");
    }
  }
}

}  // namespace sqlmodel::plugin
