// Does a live database hold what a schema says? Used by `check` (the database against the
// migrations head) and `test` (a scratch database against the models' snapshot).
//
// Both sides are brought to what a database can hold and what introspection reports: the
// model is lowered for the dialect (lower_for_dialect), reduced to its database view and its
// SQL expressions normalised; the database is introspected and normalised the same way.
// Column order is not compared: a database appends every added column, so a column a
// migration inserts in the middle of a model, or that a downgrade re-adds, ends up last.
#pragma once

#include <string>
#include <vector>

#include "db/connection.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

schema::Schema expected_database_schema(const schema::Schema& model, schema::Dialect dialect);
schema::Schema introspected_database_schema(db::Connection& connection);

// What differs, one line each ("the database lacks: add column users.nickname"); empty when
// the two are equal.
std::vector<std::string> schema_differences(const schema::Schema& expected, const schema::Schema& actual);

}  // namespace sqlmodel::schema
