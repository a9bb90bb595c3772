// The whole generated header (<models>.sqlmodel.hpp): the models' headers, then enum_traits
// for every enum class a model uses, then model_traits for every table model. Deterministic:
// the same models give the same bytes.
#pragma once

#include <string>

#include "generated_code.hpp"

namespace sqlmodel::plugin::codegen {

// `origin` names what the models were read from, for the header's first comment.
std::string write_header(const GeneratedHeader& header, const std::string& origin);

}  // namespace sqlmodel::plugin::codegen
