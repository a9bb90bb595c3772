#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {
namespace {

// The tables with a foreign key to each of `source` and `target` (two to it when they are one
// table): what a to-many relationship without a path between the two likely meant.
std::vector<const TableModel*> link_tables(const ModelSet& models, const TableModel& source,
                                           const TableModel& target) {
  std::vector<const TableModel*> links;
  for (const TableModel& link : models.tables) {
    if (&link == &source || &link == &target) continue;
    int to_source = 0, to_target = 0;
    for (const FieldModel& field : link.fields) {
      to_source += references_table(field, source.name);
      to_target += references_table(field, target.name);
    }
    if (&source == &target ? to_source >= 2 : to_source && to_target) links.push_back(&link);
  }
  return links;
}

// Names a link model may be written as: table names and the structs' names.
std::vector<std::string> link_model_names(const ModelSet& models) {
  std::vector<std::string> names;
  for (const TableModel& table : models.tables) {
    names.push_back(table.name);
    names.push_back(table.decl->getName().str());
  }
  return names;
}

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
        case Problem::no_path: {
          // A mistyped foreign key of either table is foreign-key-target's error; the missing
          // path is what it causes.
          if (has_unresolved_foreign_key(context.models, table) ||
              has_unresolved_foreign_key(context.models, *resolved.target))
            break;
          std::vector<const TableModel*> links = relationship.to_many && !relationship.foreign_key
                                                     ? link_tables(context.models, table, *resolved.target)
                                                     : std::vector<const TableModel*>{};
          std::string message =
              "relationship " + name + " has no foreign key to follow: neither " + quoted(table.name) + " nor " +
              target + " has a .foreign_key to the other" +
              (relationship.foreign_key ? " named " + quoted(*relationship.foreign_key) : std::string());
          if (links.size() == 1)
            message += "; table " + quoted(links[0]->name) + " links them: add .link_model = " +
                       schema::cpp_string_literal(links[0]->name);
          {
            auto diagnostic = context.reporter.report(Check::relationship_path, relationship.location(), message);
            if (links.size() == 1)
              attach(diagnostic,
                     add_relationship_option(relationship, ".link_model = " + schema::cpp_string_literal(links[0]->name)));
          }
          if (links.size() == 1)
            context.reporter.note(links[0]->location(), "the link table is declared here");
          else
            context.reporter.note(resolved.target->location(), "the target table is declared here");
          break;
        }
        case Problem::ambiguous: {
          if (has_unresolved_foreign_key(context.models, table) ||
              has_unresolved_foreign_key(context.models, *resolved.target))
            break;
          context.reporter.report(Check::relationship_path, relationship.location(),
                                  "relationship " + name + " could follow any of the foreign keys " +
                                      column_list(resolved.candidates) +
                                      ": pick one with .foreign_key = \"column\"");
          for (const FieldModel* candidate : resolved.candidates)
            context.reporter.note(candidate->location(), "candidate foreign key " + quoted(candidate->column.name));
          break;
        }
        case Problem::unknown_link_model: {
          std::optional<std::string> guess = closest_name(*relationship.link_model, link_model_names(context.models));
          auto diagnostic = context.reporter.report(
              Check::relationship_path, relationship.option_location("link_model"),
              "link model " + quoted(*relationship.link_model) + " of relationship " + name +
                  " is not a table of this translation unit" +
                  (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
          if (guess) attach(diagnostic, replace_option_value(relationship.options, "link_model", schema::cpp_string_literal(*guess)));
          break;
        }
        case Problem::link_missing_source_key:
        case Problem::link_missing_target_key: {
          if (has_unresolved_foreign_key(context.models, *resolved.link)) break;
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
