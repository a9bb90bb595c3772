#include "checks.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::plugin {

// Tables the migration runner keeps for itself: its version table (a model of that name would
// be mistaken for it, and `upgrade` would write revision rows into the user's table) and the
// temporary tables of the SQLite rebuild (a model named like one breaks every later rebuild).
void check_reserved_names(const CheckContext& context) {
  for (const TableModel& table : context.models.tables)
    if (auto problem = schema::naming::reserved_table_problem(table.name))
      context.reporter.report(Check::reserved_names, table.options.location_of("name", table.location()),
                              *problem + "; name the table otherwise (.name = \"...\")");
}

}  // namespace sqlmodel::plugin
