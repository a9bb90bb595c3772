#include "mirror_writer.hpp"

#include "cpp_spelling.hpp"

#include <utility>

namespace sqlmodel::plugin::codegen {

std::string write_mirror_traits(const MirrorCode& code) {
  std::string text = "template <>\nstruct sqlmodel::mirror_traits<" + code.type + "> {\n";
  text += "  using table_model = " + code.table_type + ";\n";
  text += "  static constexpr std::string_view model_name = " + schema::cpp_string_literal(code.model_name) + ";\n";
  text += std::string("  static constexpr bool partial = ") + (code.partial ? "true" : "false") + ";\n";
  text += "  static constexpr auto fields = sqlmodel::detail::flat_tuple{\n";
  for (const MirrorCode::Field& field : code.fields) {
    if (field.own) {
      text += "      sqlmodel::mirror_own_field<&" + code.type + "::" + field.member + ">{.name = " +
              schema::cpp_string_literal(field.member) + (field.has_default ? ", .has_default = true" : "");
      if (field.max_length) text += ", .max_length = " + std::to_string(*field.max_length);
      if (field.min_length) text += ", .min_length = " + std::to_string(*field.min_length);
      for (const auto& [name, bound] : {std::pair{"ge", field.ge}, std::pair{"gt", field.gt},
                                        std::pair{"le", field.le}, std::pair{"lt", field.lt}})
        if (bound) text += std::string(", .") + name + " = " + number_literal(*bound);
      if (field.pattern) text += ", .pattern = " + schema::cpp_string_literal(*field.pattern);
      text += "},\n";
      continue;
    }
    text += "      sqlmodel::mirror_field<&" + code.type + "::" + field.member + ", &" +
            code.table_type + "::" + field.member + ">{.name = " + schema::cpp_string_literal(field.member) +
            (field.has_default ? ", .has_default = true" : "") + "},\n";
  }
  text += "  };\n};\n";
  return text;
}

}  // namespace sqlmodel::plugin::codegen
