#include <set>

#include "checks.hpp"

namespace sqlmodel::plugin {
namespace {

// Reports every member of `record` (and of the structs it holds) that has no JSON form, naming
// the path from the column: "pipelines.steps[].retry.backoff".
void check_struct(const CheckContext& context, const TableModel& table, const FieldModel& field,
                  const clang::CXXRecordDecl& record, const std::string& path,
                  std::set<const clang::CXXRecordDecl*>& visited) {
  if (!visited.insert(record.getCanonicalDecl()).second) return;
  for (const JsonStructMember& member : json_struct_members(record, context.ast)) {
    std::string member_path = path + "." + member.decl->getNameAsString();
    if (member.type.kind != MemberType::Kind::column) {
      context.reporter.report(Check::typed_json, context.sources().getFileLoc(member.decl->getLocation()),
                             "member " + quoted(member.decl->getNameAsString()) + " of " +
                                 quoted(record.getNameAsString()) + " (" + member_path +
                                 ") has type '" + member.decl->getType().getAsString() +
                                 "', which has no JSON form: " + member.type.reason);
      context.reporter.note(field.location(), "column " + quoted(table.name + "." + field.column.name) +
                                                  " stores " + quoted(record.getNameAsString()) +
                                                  " as JSON here");
      continue;
    }
    if (member.type.json_struct) {
      bool list = member.decl->getType().getCanonicalType().getAsString().find("vector<") != std::string::npos;
      check_struct(context, table, field, *member.type.json_struct, member_path + (list ? "[]" : ""), visited);
    }
  }
}

}  // namespace

// A typed JSON column (a plain struct, or a std::vector of them) is written and read through
// its members, so each needs a JSON form itself: the column types, nested plain structs,
// std::vector and std::optional of those. The generated code names each member, so it must
// also be addressable (no bit-fields, no unnamed members).
void check_typed_json(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.type.json_struct || !field.decl) continue;
      std::set<const clang::CXXRecordDecl*> visited;
      bool list = field.decl->getType().getCanonicalType().getAsString().find("vector<") != std::string::npos;
      check_struct(context, table, field, *field.type.json_struct,
                   table.name + "." + field.column.name + (list ? "[]" : ""), visited);
    }
  }
}

}  // namespace sqlmodel::plugin
