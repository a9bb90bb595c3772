// sqlmodel::mirror_traits<T> for one SQLMODEL_MODEL struct (a Create / Read / Update shape):
// the table model it mirrors and which of its members each field maps to, as documented in
// include/sqlmodel/model_traits.hpp.
#pragma once

#include <string>

#include "generated_code.hpp"

namespace sqlmodel::plugin::codegen {

std::string write_mirror_traits(const MirrorCode& code);

}  // namespace sqlmodel::plugin::codegen
