#include "checks.hpp"

namespace sqlmodel::plugin {

// SQLite's AUTOINCREMENT exists only on the rowid: a single-column integer primary key the
// database assigns. Anywhere else CREATE TABLE fails ("AUTOINCREMENT is only allowed on an
// INTEGER PRIMARY KEY").
void check_sqlite_autoincrement(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    if (!table.sqlite_autoincrement) continue;
    std::vector<const FieldModel*> key = table.primary_key();
    if (key.size() == 1 && key.front()->column.autoincrement) continue;
    std::string why = key.empty()       ? "it has no primary key"
                      : key.size() > 1  ? "its primary key has " + std::to_string(key.size()) + " columns"
                                        : "its key " + quoted(key.front()->column.name) +
                                              " is not an integer the database assigns (autoincrement)";
    context.reporter.report(Check::sqlite_autoincrement, table.options.location_of("sqlite_autoincrement", table.location()),
                           ".sqlite_autoincrement on table " + quoted(table.name) +
                               ", but SQLite's AUTOINCREMENT needs a single integer primary key the "
                               "database assigns: " + why);
  }
}

}  // namespace sqlmodel::plugin
