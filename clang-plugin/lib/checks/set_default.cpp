#include "checks.hpp"

namespace sqlmodel::plugin {

// ON DELETE / ON UPDATE SET DEFAULT writes the column's server default, so it needs one
// (without, it writes NULL, or fails on a NOT NULL column).
void check_set_default(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.foreign_key || field.column.server_default) continue;
      for (auto [option, action] : {std::pair{"on_delete", field.on_delete},
                                    std::pair{"on_update", field.on_update}})
        if (action == ReferentialAction::set_default)
          context.reporter.report(Check::set_default, field.option_location(option),
                                  std::string(".") + option + " = set_default on column " +
                                      quoted(table.name + "." + field.column.name) +
                                      ", which has no .server_default: the database will write NULL");
    }
  }
}

}  // namespace sqlmodel::plugin
