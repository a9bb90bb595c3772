// sqlmodel::model_traits<T> for one table model, in exactly the shape that
// include/sqlmodel/model_traits.hpp documents. Designators follow the declaration order of
// sqlmodel::column / sqlmodel::relationship: GCC rejects any other order.
#pragma once

#include <string>

#include "generated_code.hpp"

namespace sqlmodel::plugin::codegen {

std::string write_model_traits(const TableCode& code);

}  // namespace sqlmodel::plugin::codegen
