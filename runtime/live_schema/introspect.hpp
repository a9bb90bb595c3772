// Introspection: reads a live database back into the schema model, with one catalog query per
// kind of object (columns, constraints, indexes, enums), never one per table. The result is a
// lowered, database-view schema (see lower.hpp), sorted canonically.
#pragma once

#include <string>
#include <vector>

#include "db/connection.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

// Something of the database the schema model cannot hold (an expression index, a VIRTUAL
// generated column), left out of a tolerant introspection.
struct IntrospectionGap {
  std::string table;        // the table it belongs to
  std::string description;  // "index \"ix_people_lower_name\" indexes an expression, which ..."
  bool operator==(const IntrospectionGap&) const = default;
};

// What the introspectors throw for such an object: what() for people, description() for a gap.
class UnrepresentableObject : public DatabaseError {
 public:
  UnrepresentableObject(const std::string& message, std::string description)
      : DatabaseError(message), description_(std::move(description)) {}
  const std::string& description() const { return description_; }

 private:
  std::string description_;
};

// Runs `build` (which adds one object to `table`): without `gaps` as it is; with them, an
// UnrepresentableObject it throws becomes a gap of `table`.
template <typename Build>
void tolerating(std::vector<IntrospectionGap>* gaps, const std::string& table, Build&& build) {
  if (!gaps) return build();
  try {
    build();
  } catch (const UnrepresentableObject& error) {
    gaps->push_back({table, error.description()});
  }
}

// Dispatches on the connection's dialect. Skips the bookkeeping tables of migration tools
// (the runner's sqlmodel_version and sqlmodel_version_progress, and Alembic's alembic_version,
// so a database adopted from Alembic checks clean) and SQLite's internal ones.
//
// Without `gaps`, an object the model cannot hold is a DatabaseError naming it. With it, the
// object is left out (with the constraints and indexes that stand on a left-out column) and
// described there, for tools that must read any database (sqlmodel-codegen).
Schema introspect(db::Connection& connection, std::vector<IntrospectionGap>* gaps = nullptr);

Schema introspect_sqlite(db::Connection& connection, std::vector<IntrospectionGap>* gaps = nullptr);
// The connection's current schema.
Schema introspect_postgres(db::Connection& connection, std::vector<IntrospectionGap>* gaps = nullptr);

// Removes from `table` what names a column it no longer has (after a column was left out),
// describing each removal in `gaps`.
void drop_dangling_objects(Table& table, std::vector<IntrospectionGap>& gaps);

}  // namespace sqlmodel::schema
