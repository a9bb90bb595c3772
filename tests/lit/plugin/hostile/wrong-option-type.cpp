// Option values of the wrong type (compile errors of their own).
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = 42) Item {
  SQLMODEL_FIELD(.primary_key = "yes", .on_delete = 3) std::int64_t id;
};
// CHECK: error:
