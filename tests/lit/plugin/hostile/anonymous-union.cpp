// A table with an anonymous union member.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "shapes") Shape {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  union { int radius; int side; };
};
// CHECK: error: anonymous unions inside table 'shapes' are not columns
