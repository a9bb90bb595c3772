// C++ member types -> dialect-neutral column types (or relationships).
#pragma once

#include <string>
#include <vector>

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"

#include "sqlmodel/schema.hpp"

namespace sqlmodel::plugin {

struct MemberType {
  enum class Kind { column, relationship, unsupported };
  Kind kind = Kind::unsupported;

  // column
  schema::ColumnType type;
  bool optional = false;                         // std::optional<T>
  // std::optional<std::optional<T>>, which only a mirror model's field may be (see
  // classify_mirror_member_type); `optional` is set too.
  bool nested_optional = false;
  const clang::EnumDecl* enum_decl = nullptr;    // enum class columns (and arrays of them)
  // A typed JSON column: a plain struct, or a std::vector of them, stored as one JSON value.
  // The struct's members are checked by the typed-json check (they need a JSON form too).
  const clang::CXXRecordDecl* json_struct = nullptr;

  // relationship: sqlmodel::Related<T> (to one) or sqlmodel::RelatedList<T> (to many)
  bool to_many = false;
  const clang::CXXRecordDecl* target = nullptr;  // may be incomplete

  // unsupported: why, in words ("std::string_view does not own its characters")
  std::string reason;
};

MemberType classify_member_type(clang::QualType type, const clang::ASTContext& context);

// A field of a mirror model (SQLMODEL_MODEL). Besides what classify_member_type accepts, an
// Update model's field may be std::optional<std::optional<T>>: unset leaves the column as it
// is, an engaged empty value sets it to NULL (mirror.hpp, json.hpp). Such a type is T's column,
// nullable, with nested_optional set; the mirror-models check says where it is allowed.
MemberType classify_mirror_member_type(clang::QualType type, const clang::ASTContext& context);

// The members of a typed JSON column's struct (MemberType::json_struct), bases' first, each
// with its mapping: what its JSON form is (a column type stands for one), or why it has none.
struct JsonStructMember {
  const clang::FieldDecl* decl = nullptr;
  MemberType type;
};
std::vector<JsonStructMember> json_struct_members(const clang::CXXRecordDecl& record,
                                                  const clang::ASTContext& context);

// The C++ types that map to columns, for the note under an "unsupported type" error.
const char* supported_types_note();

// The enum's name in the schema: the C++ enum's name, lowercased (as SQLAlchemy does).
std::string schema_enum_name(const clang::EnumDecl& decl);

}  // namespace sqlmodel::plugin
