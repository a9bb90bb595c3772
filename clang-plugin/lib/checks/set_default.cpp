#include "checks.hpp"

namespace sqlmodel::plugin {

// ON DELETE / ON UPDATE SET DEFAULT writes the column's server default, so it needs one
// (without, it writes NULL, or fails on a NOT NULL column).
void check_set_default(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.foreign_key || field.column.has_server_default_on_every_dialect()) continue;
      // A default on one dialect only (.postgresql_server_default) leaves the other writing NULL.
      std::string missing = ", which has no .server_default: the database will write NULL";
      for (schema::Dialect dialect : {schema::Dialect::postgresql, schema::Dialect::sqlite})
        if (field.column.has_server_default() && !field.column.server_default_on(dialect))
          missing = ", which has no server default on " + std::string(schema::to_string(dialect)) +
                    ": that database will write NULL";
      for (auto [option, action] : {std::pair{"on_delete", field.on_delete},
                                    std::pair{"on_update", field.on_update}})
        if (action == ReferentialAction::set_default)
          context.reporter.report(Check::set_default, field.option_location(option),
                                  std::string(".") + option + " = set_default on column " +
                                      quoted(table.name + "." + field.column.name) + missing);
    }
  }
}

}  // namespace sqlmodel::plugin
