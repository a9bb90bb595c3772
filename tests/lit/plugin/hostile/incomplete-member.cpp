// A member of incomplete type (a compile error of its own).
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct Missing;
struct SQLMODEL_TABLE(.name = "holders") Holder {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  Missing missing;
};
// CHECK: error: field has incomplete type 'Missing'
