#include <set>

#include "checks.hpp"
#include "llvm/ADT/StringRef.h"

namespace sqlmodel::plugin {

// A generated column (.generated = "expression") is computed by the database from the other
// columns of its row: it cannot also take a value from a default or from the ORM, cannot be a
// key, and its expression may name only this table's columns, none of them generated
// (SQLite allows that, PostgreSQL does not: the portable rule is no).
void check_generated_column(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.column.generated) continue;
      const std::string column = quoted(table.name + "." + field.column.name);
      auto conflict = [&](const std::string& option, const std::string& why) {
        context.reporter.report(Check::generated_column, field.option_location(option),
                               "generated column " + column + " cannot have ." + option + ": " + why);
      };
      if (field.column.generated->find_first_not_of(" \t\r\n") == std::string::npos) {
        context.reporter.report(Check::generated_column, field.option_location("generated"),
                               ".generated of column " + column + " is empty: it is the SQL expression "
                               "the database computes the column from");
        continue;
      }
      for (const auto& [option, sql] : field.column.named_server_defaults())
        if (sql) conflict(std::string(option), "the database computes its value");
      if (field.column.default_factory) conflict("default_factory", "the ORM never writes it");
      if (field.updated_on_update) conflict("update_factory", "the ORM never writes it");
      if (field.primary_key) conflict("primary_key", "PostgreSQL refuses a generated key column");
      if (field.column.autoincrement && field.options.tristate("autoincrement").value_or(false))
        conflict("autoincrement", "the database computes it from the expression");
      std::set<std::string> reported;
      for (const ExpressionIdentifier& identifier : expression_identifiers(*field.column.generated)) {
        if (!reported.insert(identifier.name).second) continue;
        if (!names_a_column(table, identifier)) {
          std::optional<std::string> guess = closest_name(identifier.name, column_names(table));
          context.reporter.report(Check::generated_column, field.option_location("generated"),
                                 ".generated of column " + column + " names unknown column " +
                                     quoted(identifier.name) + " of table " + quoted(table.name) +
                                     (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
          continue;
        }
        for (const FieldModel& other : table.fields)
          if (other.column.generated && &other != &field &&
              llvm::StringRef(other.column.name).equals_insensitive(identifier.name)) {
            context.reporter.report(Check::generated_column, field.option_location("generated"),
                                   ".generated of column " + column + " reads generated column " +
                                       quoted(other.column.name) + ", which PostgreSQL refuses");
            context.reporter.note(other.location(), "the other generated column is declared here");
          }
      }
    }
  }
}

}  // namespace sqlmodel::plugin
