// sqlmodel-codegen's core: an introspected schema becomes a header of annotated C++ models
// (sqlacodegen's, or Django's inspectdb, for C++). The header compiles with the sqlmodel plugin
// and its snapshot, lowered for the database's dialect, equals the database: `check` reports
// nothing. What the annotations cannot say (a composite foreign key, an expression index, a
// table without a primary key) is written as a comment where it belongs, never dropped silently.
//
// Naming: a table's struct is its name in CamelCase, singular ("order_items" -> OrderItem);
// columns keep their names as members (".name" when a name is not a C++ identifier). Each
// foreign key gives a to-one relationship on its table (named after the column without "_id")
// and a to-many one (one-to-one when the key is unique) on the referred table; a link table (a
// primary key made of exactly two foreign keys) gives many-to-many relationships on both sides.
// Names and constraints that follow the naming convention are left to it; the others are given.
#pragma once

#include <string>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "live_schema/introspect.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::codegen {

struct CodegenOptions {
  std::string namespace_name = "models";  // "" for the global namespace; "app::db" nests
  schema::Dialect dialect = schema::Dialect::sqlite;  // the database the schema was read from
  std::string source;  // what the header says it was generated from (a URL, password masked)
  bool relationships = true;  // --no-relationships leaves them out
};

struct GeneratedModels {
  std::string header;  // the C++ text
  // One line per thing written as a comment instead of code ("table \"logs\": no primary key").
  std::vector<std::string> notes;
};

GeneratedModels generate_models(const schema::Schema& schema,
                                const std::vector<schema::IntrospectionGap>& gaps,
                                const CodegenOptions& options);

// The C++ identifier a database name becomes: itself when it is one and no keyword, else with
// every other character replaced by '_' (and a trailing '_' after a keyword or a leading digit).
std::string cpp_identifier(std::string_view name);
// "order_items" -> "OrderItem", "people" -> "Person", "Status" -> "Status".
std::string struct_name(std::string_view table);

}  // namespace sqlmodel::codegen
