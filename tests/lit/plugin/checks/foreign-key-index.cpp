// Warning: a foreign key column without an index; the fix-it adds .index = true.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "users") SQLMODEL_INDEX(.columns = {"mentor_team_id", "id"}) User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t team_id;  // expected-warning {{foreign key column 'users.team_id' has no index: joins and parent deletes will scan the table [sqlmodel-foreign-key-index]}}
  // CHECK: fix-it:"{{.*}}foreign-key-index.cpp":{[[@LINE-1]]:18-[[@LINE-1]]:18}:".index = true, "
  // Led by a composite index: fine.
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t mentor_team_id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .unique = true) std::int64_t owned_team_id;
};

struct SQLMODEL_TABLE(.name = "memberships") Membership {
  // The first column of the primary key is indexed by it; the second is not.
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "teams.id") std::int64_t team_id;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "users.id") std::int64_t user_id;  // expected-warning {{foreign key column 'memberships.user_id' has no index}}
};
