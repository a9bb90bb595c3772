// C++ source text for strings, for the code generators (the plugin's generated header and
// sqlmodel-codegen's models) so both escape alike.
#pragma once

#include <string>
#include <string_view>

namespace sqlmodel::schema {

// A C++ string literal holding `text` exactly: quotes, backslashes and control characters
// escaped, UTF-8 passed through as written.
std::string cpp_string_literal(std::string_view text);

}  // namespace sqlmodel::schema
