#include <map>

#include "checks.hpp"

namespace sqlmodel::plugin {

// One table name, one model: two structs writing to one table would disagree on its columns.
void check_table_names(const CheckContext& context) {
  std::map<std::string, const TableModel*> seen;
  for (const TableModel& table : context.models.tables) {
    auto [it, inserted] = seen.emplace(table.name, &table);
    if (inserted) continue;
    context.reporter.report(Check::table_names, table.location(),
                            "struct " + quoted(table.decl->getName()) + " and struct " +
                                quoted(it->second->decl->getName()) + " both map to table " +
                                quoted(table.name));
    context.reporter.note(it->second->location(), "the other model is declared here");
  }
}

}  // namespace sqlmodel::plugin
