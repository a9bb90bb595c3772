// Mixins of mixins, a diamond, and a mixin used twice.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct A { std::int64_t a = 0; };
struct B : A { std::int64_t b = 0; };
struct C : A { std::int64_t c = 0; };
struct SQLMODEL_TABLE(.name = "diamonds") D : B, C { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
// CHECK-NOT: PLEASE
