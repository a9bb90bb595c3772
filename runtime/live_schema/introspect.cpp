#include <algorithm>
#include <string_view>

#include "live_schema/introspect.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::schema {
namespace {

// The migration runner's bookkeeping tables (the version table, and where a revision that does
// not run in one transaction got to): they belong to the tool, not to the user's schema, so a
// drift check or an autogenerate run must never see them.
bool is_bookkeeping_table(const Table& table) {
  return table.name == naming::version_table || table.name == naming::progress_table;
}

}  // namespace

Schema introspect(db::Connection& connection) {
  Schema schema;
  switch (connection.dialect()) {
    case Dialect::sqlite:
      schema = introspect_sqlite(connection);
      break;
    case Dialect::postgresql:
#ifdef SQLMODEL_HAVE_POSTGRES
      schema = introspect_postgres(connection);
      break;
#else
      throw DatabaseError(
          "cannot introspect a PostgreSQL database: this build of sqlmodel has no PostgreSQL "
          "backend (configured with SQLMODEL_WITH_POSTGRES=OFF)");
#endif
  }
  std::erase_if(schema.tables, is_bookkeeping_table);
  return schema;
}

}  // namespace sqlmodel::schema
