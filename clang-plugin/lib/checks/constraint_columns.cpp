#include <set>

#include "checks.hpp"
#include "../resolution.hpp"
#include "llvm/ADT/StringExtras.h"

namespace sqlmodel::plugin {
namespace {

// The column a name that is not one most likely meant, and why: a relationship's foreign key
// column (`author` for the relationship whose key is `author_id`), the one column the name is a
// prefix of (`author` for `author_id`), else the closest spelling.
std::optional<std::string> meant_column(const CheckContext& context, const TableModel& table,
                                        const std::string& name, std::string& why) {
  for (const RelationshipModel& relationship : table.relationships) {
    if (relationship.name != name) continue;
    ResolvedRelationship resolved = resolve_relationship(context.models, table, relationship);
    for (const FieldModel* key : resolved.foreign_keys)
      if (table.find_field(key->column.name) == key) {
        why = " (" + quoted(name) + " is a relationship; its foreign key column is " + quoted(key->column.name) + ")";
        return key->column.name;
      }
  }
  std::optional<std::string> prefixed;
  for (const FieldModel& field : table.fields)
    if (llvm::StringRef(field.column.name).starts_with(name + "_")) {
      if (prefixed) {
        prefixed.reset();
        break;
      }
      prefixed = field.column.name;
    }
  if (prefixed) return prefixed;
  return closest_name(name, column_names(table));
}

void report_unknown(const CheckContext& context, const TableModel& table,
                    const ConstraintModel& constraint, const std::string& column,
                    std::optional<std::size_t> position) {
  std::string why;
  std::optional<std::string> guess = meant_column(context, table, column, why);
  auto diagnostic = context.reporter.report(
      Check::constraint_columns,
      constraint.option_location(constraint.kind == ConstraintModel::Kind::check ? "expression" : "columns"),
      std::string(constraint.kind_name()) + " " + quoted(constraint.name) + " names unknown column " +
          quoted(column) + " of table " + quoted(table.name) +
          (guess ? "; did you mean " + quoted(*guess) + "?" + why : std::string()));
  // Rewriting the whole column list keeps the fix-it exact whatever the spelling was.
  if (guess && position && !constraint.field) {
    std::vector<std::string> fixed = constraint.columns;
    fixed[*position] = *guess;
    std::string list = "{";
    for (std::size_t i = 0; i < fixed.size(); ++i)
      list += (i ? ", " : "") + schema::cpp_string_literal(fixed[i]);
    attach(diagnostic, replace_option_value(constraint.options, "columns", list + "}"));
  }
}

}  // namespace

// Indexes, unique constraints and checks may only name columns of their own table.
void check_constraint_columns(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const ConstraintModel& constraint : table.constraints) {
      if (constraint.kind == ConstraintModel::Kind::check) {
        std::set<std::string> reported;
        for (const ExpressionIdentifier& identifier : expression_identifiers(constraint.expression)) {
          if (!names_a_column(table, identifier) && reported.insert(identifier.name).second)
            report_unknown(context, table, constraint, identifier.name, std::nullopt);
        }
        continue;
      }
      for (std::size_t i = 0; i < constraint.columns.size(); ++i)
        if (!table.find_field(constraint.columns[i]))
          report_unknown(context, table, constraint, constraint.columns[i], i);
      // A partial index's predicate names columns too.
      if (constraint.where) {
        std::set<std::string> reported;
        for (const ExpressionIdentifier& identifier : expression_identifiers(*constraint.where))
          if (!names_a_column(table, identifier) && reported.insert(identifier.name).second)
            context.reporter.report(Check::constraint_columns, constraint.option_location("where"),
                                   std::string(constraint.kind_name()) + " " + quoted(constraint.name) +
                                       " has a .where naming unknown column " + quoted(identifier.name) +
                                       " of table " + quoted(table.name));
      }
      if (constraint.method) {
        static const std::set<std::string> methods{"btree", "hash", "gist", "spgist", "gin", "brin"};
        if (!methods.count(*constraint.method))
          context.reporter.report(Check::constraint_columns, constraint.option_location("method"),
                                  std::string(constraint.kind_name()) + " " + quoted(constraint.name) +
                                      " has unknown .method " + quoted(*constraint.method) +
                                      "; PostgreSQL's are btree, hash, gist, spgist, gin, brin");
      }
    }
  }
}

}  // namespace sqlmodel::plugin
