// sqlmodel::model_traits<T> for one table model, in exactly the shape that
// include/sqlmodel/model_traits.hpp documents. Designators follow the declaration order of
// sqlmodel::column / sqlmodel::relationship: GCC rejects any other order.
#pragma once

#include <string>

#include "generated_code.hpp"

namespace sqlmodel::plugin::codegen {

std::string write_model_traits(const TableCode& code);
// sqlmodel::json_struct_traits<T> for one typed JSON column's struct (json_column.hpp).
std::string write_json_struct_traits(const JsonStructCode& code);

}  // namespace sqlmodel::plugin::codegen
