// A foreign key to a column that is neither the primary key nor unique.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.max_length = 20) std::string code;  // expected-note {{make the referenced column unique}}
  // CHECK: fix-it:"{{.*}}foreign-key-unique.cpp":{[[@LINE-1]]:18-[[@LINE-1]]:18}:".unique = true, "
  SQLMODEL_FIELD(.unique = true) std::string slug;
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.code", .index = true) std::string team_code;  // expected-error {{foreign key of column 'users.team_code' refers to 'teams.code', which is neither the primary key nor unique [sqlmodel-foreign-key-unique]}}
  SQLMODEL_FIELD(.foreign_key = "teams.slug", .index = true) std::string team_slug;
};
