#include <map>

#include "checks.hpp"
#include "llvm/ADT/StringExtras.h"

namespace sqlmodel::plugin {
namespace {

struct Identity {
  std::string value;
  std::string model;  // the struct's name
  const AnnotationValues* options;
  clang::SourceLocation location;
};

void check_enum_identity(const CheckContext& context, const TableModel& table,
                         const FieldModel& discriminator, const Identity& identity) {
  const clang::EnumDecl* decl = discriminator.type.enum_decl;
  std::vector<std::string> enumerators;
  for (const clang::EnumConstantDecl* enumerator : decl->enumerators())
    enumerators.push_back(enumerator->getName().str());
  if (std::find(enumerators.begin(), enumerators.end(), identity.value) != enumerators.end()) return;
  std::optional<std::string> closest = closest_name(identity.value, enumerators);
  {
    auto diagnostic = context.reporter.report(
        Check::single_table_identity, identity.location,
        "polymorphic identity " + quoted(identity.value) + " of " + quoted(identity.model) +
            " is not an enumerator of " + quoted(decl->getName()) + ", the type of discriminator " +
            quoted(table.name + "." + discriminator.column.name) +
            (closest ? "; did you mean " + quoted(*closest) + "?" : ""));
    if (closest)
      attach(diagnostic, replace_option_value(*identity.options, "polymorphic_identity", schema::cpp_string_literal(*closest)));
  }
  context.reporter.note(context.sources().getFileLoc(decl->getLocation()),
                        quoted(decl->getName()) + " is declared here");
}

}  // namespace

// Every model of a single-table hierarchy that has rows needs its own discriminator value, and
// the value must fit the discriminator column.
void check_single_table_identity(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    if (!table.discriminator) {
      if (table.polymorphic_identity && table.single_table_children.empty())
        context.reporter.report(
            Check::single_table_identity, table.options.location_of("polymorphic_identity", table.location()),
            ".polymorphic_identity on table " + quoted(table.name) +
                ", which declares no .discriminator column to store it in" +
                (table.joined_parent ? " (joined-table children are told apart by their own tables)" : ""));
      continue;  // a hierarchy without a discriminator is reported by single-table-discriminator
    }
    std::vector<Identity> identities;
    if (table.polymorphic_identity)
      identities.push_back({*table.polymorphic_identity, table.decl->getName().str(), &table.options,
                            table.options.location_of("polymorphic_identity", table.location())});
    for (const SingleTableChild& child : table.single_table_children) {
      if (child.polymorphic_identity) {
        identities.push_back({*child.polymorphic_identity, child.decl->getName().str(), &child.options,
                              child.options.location_of("polymorphic_identity", child.location())});
        continue;
      }
      {
        auto diagnostic = context.reporter.report(
            Check::single_table_identity, child.location(),
            "single-table child " + quoted(child.decl->getName()) + " of table " + quoted(table.name) +
                " has no .polymorphic_identity: its rows need a value of discriminator " +
                quoted(*table.discriminator));
        attach(diagnostic, add_annotation_option(
                               child.options, ".polymorphic_identity = " +
                                                  schema::cpp_string_literal(llvm::StringRef(child.decl->getName()).lower())));
      }
      context.reporter.note(table.location(), "the hierarchy's table " + quoted(table.name) + " is declared here");
    }

    const FieldModel* discriminator = table.find_field(*table.discriminator);
    std::map<std::string, const Identity*> first_use;
    for (const Identity& identity : identities) {
      if (identity.value.empty()) {
        context.reporter.report(Check::single_table_identity, identity.location,
                                "empty polymorphic identity on " + quoted(identity.model));
        continue;
      }
      auto [first, inserted] = first_use.emplace(identity.value, &identity);
      if (!inserted) {
        context.reporter.report(Check::single_table_identity, identity.location,
                                "polymorphic identity " + quoted(identity.value) + " of " +
                                    quoted(identity.model) + " is already used by " +
                                    quoted(first->second->model) + " in table " + quoted(table.name));
        context.reporter.note(first->second->location, "the first use is here");
        continue;
      }
      if (!discriminator) continue;
      if (discriminator->type.enum_decl && discriminator->column.type.kind == schema::TypeKind::enumeration) {
        check_enum_identity(context, table, *discriminator, identity);
      } else if (std::optional<int> limit = discriminator->column.type.max_length;
                 limit && identity.value.size() > static_cast<std::size_t>(*limit)) {
        context.reporter.report(Check::single_table_identity, identity.location,
                                "polymorphic identity " + quoted(identity.value) + " is " +
                                    std::to_string(identity.value.size()) +
                                    " characters, longer than the max_length of " + std::to_string(*limit) +
                                    " of discriminator " +
                                    quoted(table.name + "." + discriminator->column.name));
        context.reporter.note(discriminator->option_location("max_length"), "max_length is set here");
      }
    }
  }
}

}  // namespace sqlmodel::plugin
