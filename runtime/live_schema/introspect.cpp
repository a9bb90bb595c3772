#include <algorithm>
#include <iterator>
#include <string_view>

#include "live_schema/introspect.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::schema {
namespace {

// Migration tools' bookkeeping tables: the runner's version table, and where a revision that
// does not run in one transaction got to. They belong to the tool, not to the user's schema, so
// a drift check or an autogenerate run must never see them. alembic_version stays in a database
// adopted from Alembic until its owners drop it (docs/workflow.md).
constexpr std::string_view bookkeeping_tables[] = {naming::version_table, naming::progress_table,
                                                   "alembic_version"};

bool is_bookkeeping_table(const Table& table) {
  return std::find(std::begin(bookkeeping_tables), std::end(bookkeeping_tables), table.name) !=
         std::end(bookkeeping_tables);
}

bool names_missing_column(const Table& table, const std::vector<std::string>& columns) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const std::string& name) { return table.find_column(name) == nullptr; });
}

}  // namespace

void drop_dangling_objects(Table& table, std::vector<IntrospectionGap>& gaps) {
  auto note = [&](const std::string& what) {
    gaps.push_back({table.name, what + " is left out: it names an expression or a column left out"});
  };
  if (table.primary_key && names_missing_column(table, table.primary_key->columns)) {
    note("primary key \"" + table.primary_key->name + "\"");
    table.primary_key.reset();
  }
  std::erase_if(table.foreign_keys, [&](const ForeignKey& key) {
    if (!names_missing_column(table, key.columns)) return false;
    note("foreign key \"" + key.name + "\"");
    return true;
  });
  std::erase_if(table.unique_constraints, [&](const UniqueConstraint& unique) {
    if (!names_missing_column(table, unique.columns)) return false;
    note("unique constraint \"" + unique.name + "\"");
    return true;
  });
  std::erase_if(table.indexes, [&](const Index& index) {
    if (!names_missing_column(table, index.columns)) return false;
    note("index \"" + index.name + "\"");
    return true;
  });
}

Schema introspect(db::Connection& connection, std::vector<IntrospectionGap>* gaps) {
  Schema schema;
  switch (connection.dialect()) {
    case Dialect::sqlite:
      schema = introspect_sqlite(connection, gaps);
      break;
    case Dialect::postgresql:
#ifdef SQLMODEL_HAVE_POSTGRES
      schema = introspect_postgres(connection, gaps);
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
