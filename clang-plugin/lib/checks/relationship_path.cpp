#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {
namespace {

std::string column_list(const std::vector<const FieldModel*>& fields) {
  std::string text;
  for (const FieldModel* field : fields) text += (text.empty() ? "" : ", ") + quoted(field->column.name);
  return text;
}

}  // namespace

// A relationship follows exactly one foreign key (or, many-to-many, a link table with a key
// to each side), as SQLAlchemy requires.
void check_relationship_path(const CheckContext& context) {
  using Problem = ResolvedRelationship::Problem;
  for (const TableModel& table : context.models.tables) {
    for (const RelationshipModel& relationship : table.relationships) {
      ResolvedRelationship resolved = resolve_relationship(context.models, table, relationship);
      std::string name = quoted(table.decl->getName().str() + "::" + relationship.name);
      std::string target = resolved.target ? quoted(resolved.target->name) : std::string();
      switch (resolved.problem) {
        case Problem::none:
          break;
        case Problem::target_not_table:
          context.reporter.report(Check::relationship_path, relationship.location(),
                                  "relationship " + name + " points to " +
                                      quoted(relationship.target->getName()) +
                                      ", which is not a SQLMODEL_TABLE");
          break;
        case Problem::no_path:
          context.reporter.report(
              Check::relationship_path, relationship.location(),
              "relationship " + name + " has no foreign key to follow: neither " + quoted(table.name) +
                  " nor " + target + " has a .foreign_key to the other" +
                  (relationship.foreign_key ? " named " + quoted(*relationship.foreign_key) : std::string()));
          context.reporter.note(resolved.target->location(), "the target table is declared here");
          break;
        case Problem::ambiguous: {
          context.reporter.report(Check::relationship_path, relationship.location(),
                                  "relationship " + name + " could follow any of the foreign keys " +
                                      column_list(resolved.candidates) +
                                      ": pick one with .foreign_key = \"column\"");
          for (const FieldModel* candidate : resolved.candidates)
            context.reporter.note(candidate->location(), "candidate foreign key " + quoted(candidate->column.name));
          break;
        }
        case Problem::unknown_link_model:
          context.reporter.report(Check::relationship_path, relationship.option_location("link_model"),
                                  "link model " + quoted(*relationship.link_model) + " of relationship " +
                                      name + " is not a table of this translation unit");
          break;
        case Problem::link_missing_source_key:
        case Problem::link_missing_target_key: {
          const TableModel& side = resolved.problem == Problem::link_missing_source_key ? table : *resolved.target;
          context.reporter.report(Check::relationship_path, relationship.option_location("link_model"),
                                  "link table " + quoted(resolved.link->name) +
                                      " of many-to-many relationship " + name + " has no foreign key to " +
                                      quoted(side.name) +
                                      (resolved.self_referential ? " for each side" : std::string()));
          context.reporter.note(resolved.link->location(), "the link table is declared here");
          break;
        }
      }
      if (resolved.problem == Problem::none && relationship.link_model && !relationship.to_many)
        context.reporter.report(
            Check::relationship_path, relationship.location(),
            "many-to-many relationship " + name + " holds one object: use sqlmodel::RelatedList<T>");
    }
  }
}

}  // namespace sqlmodel::plugin
