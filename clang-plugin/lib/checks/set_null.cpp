#include "checks.hpp"

namespace sqlmodel::plugin {

// ON DELETE / ON UPDATE SET NULL writes NULL into the column: it must be nullable, which in
// C++ means std::optional.
void check_set_null(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.foreign_key || field.column.nullable) continue;
      for (auto [option, action] : {std::pair{"on_delete", field.on_delete},
                                    std::pair{"on_update", field.on_update}}) {
        if (action != ReferentialAction::set_null) continue;
        auto diagnostic = context.reporter.report(Check::set_null, field.option_location(option),
                                                  std::string(".") + option + " = set_null on column " +
                                                      quoted(table.name + "." + field.column.name) +
                                                      ", which is not nullable: make it std::optional");
        if (!field.type.optional)
          attach(diagnostic, wrap_in_optional(field, context.sources(), context.ast.getLangOpts()));
      }
    }
  }
}

}  // namespace sqlmodel::plugin
