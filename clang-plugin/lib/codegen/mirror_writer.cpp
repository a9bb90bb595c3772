#include "mirror_writer.hpp"

#include "cpp_spelling.hpp"

namespace sqlmodel::plugin::codegen {

std::string write_mirror_traits(const MirrorCode& code) {
  std::string text = "template <>\nstruct sqlmodel::mirror_traits<" + code.type + "> {\n";
  text += "  using table_model = " + code.table_type + ";\n";
  text += "  static constexpr std::string_view model_name = " + string_literal(code.model_name) + ";\n";
  text += std::string("  static constexpr bool partial = ") + (code.partial ? "true" : "false") + ";\n";
  text += "  static constexpr auto fields = std::tuple{\n";
  for (const MirrorCode::Field& field : code.fields)
    text += "      sqlmodel::mirror_field<&" + code.type + "::" + field.member + ", &" +
            code.table_type + "::" + field.member + ">{.name = " + string_literal(field.member) +
            (field.has_default ? ", .has_default = true" : "") + "},\n";
  text += "  };\n};\n";
  return text;
}

}  // namespace sqlmodel::plugin::codegen
