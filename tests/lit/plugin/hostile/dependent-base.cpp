// A table deriving from a template instance and a dependent mixin.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
template <typename T> struct Timestamps { T created = T{}; };
struct SQLMODEL_TABLE(.name = "stamped") Stamped : Timestamps<std::int64_t> {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
// CHECK-NOT: error
