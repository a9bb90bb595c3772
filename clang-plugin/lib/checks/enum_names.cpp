#include <map>

#include "checks.hpp"

namespace sqlmodel::plugin {

// The SQL enum is named after the lowercased C++ enum: two different enums with one such name
// (Task::Status and Order::Status) would share one PostgreSQL type.
void check_enum_names(const CheckContext& context) {
  std::map<std::string, const clang::EnumDecl*> seen;
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      const clang::EnumDecl* decl = field.type.enum_decl;
      if (!decl) continue;
      decl = decl->getCanonicalDecl();
      std::string name = schema_enum_name(*decl);
      auto [it, inserted] = seen.emplace(name, decl);
      if (inserted || it->second == decl) continue;
      context.reporter.report(Check::enum_names, field.location(),
                              "enum " + quoted(decl->getQualifiedNameAsString()) + " and enum " +
                                  quoted(it->second->getQualifiedNameAsString()) +
                                  " both map to the SQL enum type " + quoted(name) + ": rename one of them");
      context.reporter.note(context.sources().getFileLoc(it->second->getLocation()),
                            "the other enum is declared here");
    }
  }
}

}  // namespace sqlmodel::plugin
