#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {
namespace {

std::vector<std::string> relationship_names(const TableModel& table) {
  std::vector<std::string> names;
  for (const RelationshipModel& relationship : table.relationships) names.push_back(relationship.name);
  return names;
}

const RelationshipModel* find_relationship(const TableModel& table, const std::string& name) {
  for (const RelationshipModel& relationship : table.relationships)
    if (relationship.name == name) return &relationship;
  return nullptr;
}

}  // namespace

// back_populates names the relationship on the other model that mirrors this one; it must
// exist, point back at this model, and (when it has its own back_populates) name this one.
void check_back_populates(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const RelationshipModel& relationship : table.relationships) {
      if (!relationship.back_populates) continue;
      const TableModel* target = context.models.find_table(relationship.target);
      if (!target) continue;  // relationship-path reports it
      std::string name = quoted(table.decl->getName().str() + "::" + relationship.name);
      const std::string& wanted = *relationship.back_populates;
      const RelationshipModel* other = find_relationship(*target, wanted);
      if (!other) {
        std::optional<std::string> guess = closest_name(wanted, relationship_names(*target));
        {
          auto diagnostic = context.reporter.report(
              Check::back_populates, relationship.option_location("back_populates"),
              "relationship " + name + " back-populates " + quoted(wanted) + ", but " +
                  quoted(target->decl->getName()) + " has no relationship of that name" +
                  (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
          if (guess)
            attach(diagnostic, replace_option_value(relationship.options, "back_populates",
                                                    schema::cpp_string_literal(*guess)));
        }
        context.reporter.note(target->location(), quoted(target->decl->getName()) + " is declared here");
        continue;
      }
      std::string other_name = quoted(target->decl->getName().str() + "::" + other->name);
      if (context.models.find_table(other->target) != &table) {
        context.reporter.report(Check::back_populates, relationship.option_location("back_populates"),
                                "relationship " + name + " back-populates " + other_name +
                                    ", which points to " + quoted(other->target->getName()) + ", not to " +
                                    quoted(table.decl->getName()));
        context.reporter.note(other->location(), other_name + " is declared here");
        continue;
      }
      if (other->back_populates && *other->back_populates != relationship.name) {
        context.reporter.report(Check::back_populates, relationship.option_location("back_populates"),
                                "relationship " + name + " back-populates " + other_name +
                                    ", which back-populates " + quoted(*other->back_populates) + " instead");
        context.reporter.note(other->option_location("back_populates"), "the other side is declared here");
        continue;
      }
      // Without a link model one of the two has no path, which relationship-path reports.
      bool path_reported =
          resolve_relationship(context.models, table, relationship).problem != ResolvedRelationship::Problem::none ||
          resolve_relationship(context.models, *target, *other).problem != ResolvedRelationship::Problem::none;
      if (relationship.to_many && other->to_many && !relationship.link_model && !other->link_model &&
          !path_reported) {
        context.reporter.report(Check::back_populates, relationship.location(),
                                "relationships " + name + " and " + other_name +
                                    " are both to-many: a many-to-many relationship needs a .link_model");
      }
    }
  }
}

}  // namespace sqlmodel::plugin
