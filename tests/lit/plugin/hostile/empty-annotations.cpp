// Annotations with no options at all, and empty strings.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE() SQLMODEL_INDEX() SQLMODEL_UNIQUE() SQLMODEL_CHECK() Empty {
  SQLMODEL_FIELD() std::int64_t id;
  SQLMODEL_FIELD(.name = "", .foreign_key = "", .server_default = "") std::int64_t blank;
  SQLMODEL_RELATIONSHIP() sqlmodel::Related<Empty> self;
};
// CHECK: error: SQLMODEL_INDEX needs .columns
