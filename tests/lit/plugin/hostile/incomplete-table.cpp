// A table that is only declared, never defined.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "ghosts") Ghost;
struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "ghosts.id", .index = true) std::int64_t ghost_id;
  sqlmodel::Related<Ghost> ghost;
};
// CHECK: error: foreign key of column 'users.ghost_id' refers to unknown table 'ghosts'
// CHECK: error: relationship 'User::ghost' points to 'Ghost', which is not a SQLMODEL_TABLE
