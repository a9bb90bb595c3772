#include "checks.hpp"

namespace sqlmodel::plugin {

// .max_length / .min_length only mean something for text (or arrays of text), and a length
// must be positive.
void check_length_options(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      schema::TypeKind kind = field.type.type.element_kind.value_or(field.type.type.kind);
      for (const char* option : {"max_length", "min_length"}) {
        std::optional<long long> value = std::string(option) == "max_length" ? field.max_length
                                                                             : field.min_length;
        if (!value) continue;
        std::string column = quoted(table.name + "." + field.column.name);
        if (kind != schema::TypeKind::string) {
          auto diagnostic = context.reporter.report(Check::length_options, field.option_location(option),
                                                    std::string(".") + option + " on column " + column +
                                                        " of type " + schema::format_type(field.type.type) +
                                                        ": lengths apply to std::string only");
          continue;
        }
        bool positive_required = std::string(option) == "max_length";
        if (*value < 0 || (positive_required && *value == 0))
          context.reporter.report(Check::length_options, field.option_location(option),
                                  std::string(".") + option + " = " + std::to_string(*value) + " on column " +
                                      column + " must be " +
                                      (positive_required ? "positive" : "zero or more"));
      }
    }
  }
}

}  // namespace sqlmodel::plugin
