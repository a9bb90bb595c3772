// Tables nested in another struct and in a function.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct Outer {
  struct SQLMODEL_TABLE(.name = "inner") Inner { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
};
void f() {
  struct SQLMODEL_TABLE(.name = "local") Local { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
  Local l{};
  (void)l;
}
// CHECK-NOT: error
