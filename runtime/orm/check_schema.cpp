#include "sqlmodel/check_schema.hpp"

#include <stdexcept>

#include "live_schema/database_comparison.hpp"
#include "db/connection.hpp"
#include "schema/snapshot_json.hpp"

namespace sqlmodel {

std::string SchemaDrift::report() const {
  if (differences.empty()) return {};
  std::string text = "the database " + database + " does not match the models' schema (" +
                     std::to_string(differences.size()) + " difference" +
                     (differences.size() == 1 ? "" : "s") + "):\n";
  for (const auto& difference : differences) text += "  - " + difference + "\n";
  return text;
}

SchemaDrift check_schema(const Database& db, const schema::Schema& expected) {
  const std::string& url = db.url();
  if (db.dialect() == schema::Dialect::sqlite && url.find(":memory:") != std::string::npos)
    throw std::invalid_argument(
        "check_schema: sqlite:///:memory: is private to the connection that opened it, so its "
        "catalog cannot be read from another one; check a database file");
  auto connection = db::connect(url);
  SchemaDrift drift;
  drift.database = db::display_url(url);
  drift.differences = schema::schema_differences(
      schema::expected_database_schema(expected, db.dialect()),
      schema::introspected_database_schema(*connection));
  return drift;
}

SchemaDrift check_schema(const Database& db, std::string_view snapshot_json, const std::string& origin) {
  return check_schema(db, schema::read_snapshot(snapshot_json, origin));
}

SchemaDrift check_schema_file(const Database& db, const std::filesystem::path& snapshot) {
  return check_schema(db, schema::read_snapshot_file(snapshot));
}

}  // namespace sqlmodel
