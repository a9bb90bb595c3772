// C++ member types -> dialect-neutral column types (or relationships).
#pragma once

#include <string>

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"

#include "schema/schema.hpp"

namespace sqlmodel::plugin {

struct MemberType {
  enum class Kind { column, relationship, unsupported };
  Kind kind = Kind::unsupported;

  // column
  schema::ColumnType type;
  bool optional = false;                         // std::optional<T>
  const clang::EnumDecl* enum_decl = nullptr;    // enum class columns (and arrays of them)

  // relationship: sqlmodel::Related<T> (to one) or sqlmodel::RelatedList<T> (to many)
  bool to_many = false;
  const clang::CXXRecordDecl* target = nullptr;  // may be incomplete

  // unsupported: why, in words ("std::string_view does not own its characters")
  std::string reason;
};

MemberType classify_member_type(clang::QualType type, const clang::ASTContext& context);

// The C++ types that map to columns, for the note under an "unsupported type" error.
const char* supported_types_note();

// The enum's name in the schema: the C++ enum's name, lowercased (as SQLAlchemy does).
std::string schema_enum_name(const clang::EnumDecl& decl);

}  // namespace sqlmodel::plugin
