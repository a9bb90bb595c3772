#include "enum_writer.hpp"

#include "cpp_spelling.hpp"

namespace sqlmodel::plugin::codegen {

std::string write_enum_traits(const EnumCode& code) {
  std::string text = "template <>\nstruct sqlmodel::enum_traits<" + code.type + "> {\n";
  text += "  static constexpr std::string_view name = " + schema::cpp_string_literal(code.name) + ";\n";
  text += "  static constexpr std::array<std::pair<" + code.type + ", std::string_view>, " +
          std::to_string(code.enumerators.size()) + "> enumerators{{\n";
  for (const std::string& enumerator : code.enumerators)
    text += "      {" + code.type + "::" + enumerator + ", " + schema::cpp_string_literal(enumerator) + "},\n";
  text += "  }};\n};\n";
  return text;
}

}  // namespace sqlmodel::plugin::codegen
