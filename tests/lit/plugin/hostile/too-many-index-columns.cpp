// More columns than an index annotation holds (a compile error).
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "t") SQLMODEL_INDEX(.columns = {"a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"}) T {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
// CHECK: error: excess elements in array initializer
