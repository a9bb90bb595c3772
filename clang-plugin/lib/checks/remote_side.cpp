#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {

// In a self-referential table (an adjacency list) the to-one side must say which column is
// the parent's: .remote_side, as in SQLAlchemy.
void check_remote_side(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const RelationshipModel& relationship : table.relationships) {
      ResolvedRelationship resolved = resolve_relationship(context.models, table, relationship);
      std::string name = quoted(table.decl->getName().str() + "::" + relationship.name);
      if (relationship.remote_side) {
        const TableModel* target = resolved.target ? resolved.target : &table;
        if (!target->find_field(*relationship.remote_side)) {
          std::optional<std::string> guess = closest_name(*relationship.remote_side, column_names(*target));
          auto diagnostic = context.reporter.report(
              Check::remote_side, relationship.option_location("remote_side"),
              ".remote_side of relationship " + name + " names unknown column " +
                  quoted(*relationship.remote_side) + " of table " + quoted(target->name) +
                  (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
          if (guess)
            attach(diagnostic, replace_option_value(relationship.options, "remote_side", schema::cpp_string_literal(*guess)));
        }
        continue;
      }
      if (resolved.problem != ResolvedRelationship::Problem::none || !resolved.self_referential ||
          relationship.to_many || resolved.kind == schema::RelationshipKind::many_to_many)
        continue;
      std::string key;
      for (const FieldModel* field : table.primary_key()) key = field->column.name;
      if (key.empty()) key = "id";
      auto diagnostic = context.reporter.report(Check::remote_side, relationship.location(),
                                                "self-referential relationship " + name +
                                                    " needs .remote_side = " + schema::cpp_string_literal(key) +
                                                    " (the parent's key column)");
      if (relationship.options.first_option.isValid())
        diagnostic << clang::FixItHint::CreateInsertion(relationship.options.first_option,
                                                        ".remote_side = " + schema::cpp_string_literal(key) + ", ");
      else if (!relationship.options.attr && relationship.decl && relationship.decl->getBeginLoc().isFileID())
        diagnostic << clang::FixItHint::CreateInsertion(
            relationship.decl->getBeginLoc(),
            "SQLMODEL_RELATIONSHIP(.remote_side = " + schema::cpp_string_literal(key) + ") ");
    }
  }
}

}  // namespace sqlmodel::plugin
