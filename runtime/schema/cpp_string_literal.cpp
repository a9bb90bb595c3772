#include "schema/cpp_string_literal.hpp"

#include <cstdio>

namespace sqlmodel::schema {

std::string cpp_string_literal(std::string_view text) {
  std::string literal = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': literal += "\\\""; break;
      case '\\': literal += "\\\\"; break;
      case '\n': literal += "\\n"; break;
      case '\t': literal += "\\t"; break;
      case '\r': literal += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\%03o", c);
          literal += escaped;
        } else {
          literal += static_cast<char>(c);
        }
    }
  }
  return literal + "\"";
}

}  // namespace sqlmodel::schema
