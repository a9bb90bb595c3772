// A foreign key column whose type differs from the referenced column; the fix-it gives it the
// referenced member's value type, as written there, keeping the column's std::optional.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;  // expected-note {{the referenced column is declared here}}
  SQLMODEL_FIELD(.unique = true, .max_length = 20) std::string code;  // expected-note {{the referenced column is declared here}}
};

struct SQLMODEL_TABLE(.name = "projects") Project {
  SQLMODEL_FIELD(.primary_key = true) std::optional<long long> id;  // expected-note {{the referenced column is declared here}}
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::int32_t team_id;  // expected-error {{column 'users.team_id' is int32 but its foreign key refers to 'teams.id', which is int64 [sqlmodel-foreign-key-type]}}
  // CHECK: fix-it:"{{.*}}foreign-key-type.cpp":{[[@LINE-1]]:60-[[@LINE-1]]:72}:"std::int64_t"
  SQLMODEL_FIELD(.foreign_key = "projects.id", .index = true) std::optional<int> project_id;  // expected-error {{column 'users.project_id' is int32 but its foreign key refers to 'projects.id', which is int64}}
  // CHECK: fix-it:"{{.*}}foreign-key-type.cpp":{[[@LINE-1]]:77-[[@LINE-1]]:80}:"long long"
  SQLMODEL_FIELD(.foreign_key = "teams.code", .index = true) std::int64_t code_id;  // expected-error {{column 'users.code_id' is int64 but its foreign key refers to 'teams.code', which is string}}
  // CHECK: fix-it:"{{.*}}foreign-key-type.cpp":{[[@LINE-1]]:62-[[@LINE-1]]:74}:"std::string"
  // String lengths may differ: not an error.
  SQLMODEL_FIELD(.foreign_key = "teams.code", .index = true, .max_length = 40) std::string team_code;
};
