#include "cpp_spelling.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "clang/AST/DeclCXX.h"

namespace sqlmodel::plugin::codegen {

std::optional<std::string> qualified_name(const clang::NamedDecl& decl) {
  if (decl.getName().empty() || decl.isInAnonymousNamespace() || decl.getParentFunctionOrMethod())
    return std::nullopt;
  for (const clang::DeclContext* context = decl.getDeclContext(); context;
       context = context->getParent())
    if (const auto* record = llvm::dyn_cast<clang::RecordDecl>(context))
      if (record->getName().empty()) return std::nullopt;
  return "::" + decl.getQualifiedNameAsString();
}

std::string number_literal(double value) {
  if (std::isinf(value))
    return value > 0 ? "std::numeric_limits<double>::infinity()"
                     : "-std::numeric_limits<double>::infinity()";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string type_kind_enumerator(schema::TypeKind kind) {
  using schema::TypeKind;
  const char* name = "string";
  switch (kind) {
    case TypeKind::int16: name = "int16"; break;
    case TypeKind::int32: name = "int32"; break;
    case TypeKind::int64: name = "int64"; break;
    case TypeKind::boolean: name = "boolean"; break;
    case TypeKind::float32: name = "float32"; break;
    case TypeKind::float64: name = "float64"; break;
    case TypeKind::string: name = "string"; break;
    case TypeKind::blob: name = "blob"; break;
    case TypeKind::date: name = "date"; break;
    case TypeKind::datetime: name = "datetime"; break;
    case TypeKind::uuid: name = "uuid"; break;
    case TypeKind::json: name = "json"; break;
    case TypeKind::numeric: name = "numeric"; break;
    case TypeKind::enumeration: name = "enumeration"; break;
    case TypeKind::array: name = "array"; break;
    case TypeKind::text: name = "text"; break;
    case TypeKind::jsonb: name = "jsonb"; break;
    case TypeKind::interval: name = "interval"; break;
    case TypeKind::custom: name = "custom"; break;
  }
  return std::string("sqlmodel::schema::TypeKind::") + name;
}

std::string relationship_kind_enumerator(schema::RelationshipKind kind) {
  // The snapshot's spellings are the enumerators' names.
  return "sqlmodel::schema::RelationshipKind::" + std::string(schema::to_string(kind));
}

}  // namespace sqlmodel::plugin::codegen
