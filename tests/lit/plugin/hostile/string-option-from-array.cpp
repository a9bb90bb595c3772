// String options pointing into the middle of an array, or at a non-literal.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
constexpr char names[] = "xxusers";
constexpr char letters[] = {'a', 'b', '\0'};
struct SQLMODEL_TABLE(.name = names + 2) Item { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
struct SQLMODEL_TABLE(.name = letters) Other { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
// CHECK-NOT: PLEASE
