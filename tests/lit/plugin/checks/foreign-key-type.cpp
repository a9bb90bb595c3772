// A foreign key column whose type differs from the referenced column.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;  // expected-note {{the referenced column is declared here}}
  SQLMODEL_FIELD(.unique = true, .max_length = 20) std::string code;
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::int32_t team_id;  // expected-error {{column 'users.team_id' is int32 but its foreign key refers to 'teams.id', which is int64 [sqlmodel-foreign-key-type]}}
  // String lengths may differ: not an error.
  SQLMODEL_FIELD(.foreign_key = "teams.code", .index = true, .max_length = 40) std::string team_code;
};
