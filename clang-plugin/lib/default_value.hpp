// A column's default_value: the C++ default member initializer as JSON text, when it is a
// constant the snapshot can hold (numbers, booleans, strings, enumerators).
#pragma once

#include <optional>
#include <string>

#include "clang/AST/Decl.h"

#include "type_mapping.hpp"

namespace sqlmodel::plugin {

struct DefaultValue {
  std::optional<std::string> json;                 // "0", "true", "\"draft\""
  std::optional<long long> non_enumerator_value;   // enum initializer matching no enumerator
};

DefaultValue read_default_value(const clang::FieldDecl& field, const MemberType& type,
                                 const clang::ASTContext& context);

}  // namespace sqlmodel::plugin
