#include <map>

#include "checks.hpp"

namespace sqlmodel::plugin {

// Two members (often one from a mixin) mapping to one column.
void check_column_names(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    std::map<std::string, const FieldModel*> seen;
    for (const FieldModel& field : table.fields) {
      auto [it, inserted] = seen.emplace(field.column.name, &field);
      if (inserted) continue;
      context.reporter.report(Check::column_names, field.option_location("name"),
                              "member " + quoted(field.decl->getName()) + " and member " +
                                  quoted(it->second->decl->getName()) + " both map to column " +
                                  quoted(field.column.name) + " of table " + quoted(table.name));
      context.reporter.note(it->second->location(), "the other member is declared here");
    }
  }
}

}  // namespace sqlmodel::plugin
