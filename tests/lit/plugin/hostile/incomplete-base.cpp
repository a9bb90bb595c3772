// A table deriving from an incomplete base (a compile error of its own).
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct Base;
struct SQLMODEL_TABLE(.name = "derived") Derived : Base {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
// CHECK: error: base class has incomplete type
