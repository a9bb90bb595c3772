// on_delete / on_update = set_null on a column that cannot hold NULL.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true, .on_delete = sqlmodel::OnDelete::set_null)
      std::int64_t team_id;  // expected-error@-1 {{.on_delete = set_null on column 'users.team_id', which is not nullable: make it std::optional [sqlmodel-set-null]}}
  // CHECK: fix-it:"{{.*}}set-null.cpp":{[[@LINE-1]]:7-[[@LINE-1]]:7}:"std::optional<"
  // CHECK: fix-it:"{{.*}}set-null.cpp":{[[@LINE-2]]:19-[[@LINE-2]]:19}:">"
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true, .on_update = sqlmodel::OnUpdate::set_null, .nullable = false)
      std::optional<std::int64_t> backup_team_id;  // expected-error@-1 {{.on_update = set_null on column 'users.backup_team_id'}}
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true, .on_delete = sqlmodel::OnDelete::set_null)
      std::optional<std::int64_t> fine_team_id;
  // set_default needs a server default to write.
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true, .on_delete = sqlmodel::OnDelete::set_default)
      std::int64_t default_team_id;  // expected-warning@-1 {{.on_delete = set_default on column 'users.default_team_id', which has no .server_default: the database will write NULL [sqlmodel-set-default]}}
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true, .on_delete = sqlmodel::OnDelete::set_default, .server_default = "1")
      std::int64_t fallback_team_id;
};
