// sqlmodel::enum_traits<E> for one enum class: its schema name and its enumerators' names,
// which are what the database stores (see sqlmodel/value_codec.hpp).
#pragma once

#include <string>

#include "generated_code.hpp"

namespace sqlmodel::plugin::codegen {

std::string write_enum_traits(const EnumCode& code);

}  // namespace sqlmodel::plugin::codegen
