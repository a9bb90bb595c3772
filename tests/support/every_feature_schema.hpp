// Schemas used across the suites.
#pragma once

#include "sqlmodel/schema.hpp"

namespace sqlmodel::testing {

// A schema that uses every feature of the schema model: every column type, nullability,
// literal and server defaults, autoincrement, comments, composite primary key, foreign keys
// with every referential action (including a self-reference and a cycle between two tables),
// unique and check constraints, composite, unique and partial indexes with a method, enums,
// and relationships of every kind; text, jsonb, interval, a dialect-spelled type, a generated
// column, SQLite AUTOINCREMENT. Sorted canonically; names follow schema::naming except the
// wiki_pages table's key names, which are PostgreSQL's own.
schema::Schema every_feature_schema();

// Identifiers that need quoting: reserved words ("order", "user", "select"), mixed case, a
// double quote, a space, a single quote.
schema::Schema awkward_identifiers_schema();

}  // namespace sqlmodel::testing
