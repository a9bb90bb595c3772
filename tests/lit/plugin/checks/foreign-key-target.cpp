// A foreign key to an unknown table or column, with "did you mean" fix-its.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {  // expected-note 3 {{table 'teams' is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "team.id", .index = true) std::int64_t team_id;  // expected-error {{foreign key of column 'users.team_id' refers to unknown table 'team'; did you mean 'teams'? [sqlmodel-foreign-key-target]}}
  // CHECK: fix-it:"{{.*}}foreign-key-target.cpp":{[[@LINE-1]]:33-[[@LINE-1]]:42}:"\"teams.id\""
  SQLMODEL_FIELD(.index = true, .foreign_key = "teams.idd") std::int64_t other_team_id;  // expected-error {{refers to unknown column 'idd' of table 'teams'; did you mean 'id'?}}
  // CHECK: fix-it:"{{.*}}foreign-key-target.cpp":{[[@LINE-1]]:48-[[@LINE-1]]:59}:"\"teams.id\""
  SQLMODEL_FIELD(.foreign_key = "Team.id", .index = true) std::int64_t third_team_id;  // expected-error {{unknown table 'Team'; did you mean 'teams'?}}
  SQLMODEL_FIELD(.foreign_key = "projects.id", .index = true) std::int64_t project_id;  // expected-error {{refers to unknown table 'projects'}}
  SQLMODEL_FIELD(.foreign_key = "teams", .index = true) std::int64_t bad_id;  // expected-error {{foreign key "teams" of column 'users.bad_id' is not of the form "table.column"}}
};
