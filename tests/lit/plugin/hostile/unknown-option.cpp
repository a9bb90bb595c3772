// An option name the option struct does not have (a compile error).
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "items") Item {
  SQLMODEL_FIELD(.primary_key = true, .primery = true) std::int64_t id;
};
// CHECK: error: field designator 'primery' does not refer to any field
