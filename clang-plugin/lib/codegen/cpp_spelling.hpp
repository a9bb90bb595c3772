// Spelling things as C++ source text for the generated header.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clang/AST/Decl.h"

#include "schema/cpp_string_literal.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::plugin::codegen {

// "::ns::Outer::Name": the declaration's name as any file can write it, or nullopt when only
// its own translation unit can (anonymous namespace, a class local to a function, an unnamed
// enclosing class).
std::optional<std::string> qualified_name(const clang::NamedDecl& decl);

// A floating-point value as the shortest literal that reads back the same ("0", "1.5", "-2e+30").
std::string number_literal(double value);

// The enumerator of sqlmodel::schema::TypeKind / RelationshipKind, fully qualified.
std::string type_kind_enumerator(schema::TypeKind kind);
std::string relationship_kind_enumerator(schema::RelationshipKind kind);

}  // namespace sqlmodel::plugin::codegen
