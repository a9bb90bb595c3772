// Models produced by the user's own macros.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#define ID_COLUMN SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
#define TABLE(name_, struct_) struct SQLMODEL_TABLE(.name = name_) struct_
#define FK(col, target) SQLMODEL_FIELD(.foreign_key = target) std::int64_t col;
TABLE("teams", Team) { ID_COLUMN };
TABLE("users", User) { ID_COLUMN FK(team_id, "team.id") };
// CHECK: error: foreign key of column 'users.team_id' refers to unknown table 'team'; did you mean 'teams'?
