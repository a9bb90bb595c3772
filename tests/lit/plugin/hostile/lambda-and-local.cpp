// Models inside lambdas and generic lambdas.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
auto make = [] {
  struct SQLMODEL_TABLE(.name = "in_lambda") L { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
  return L{};
};
auto generic = [](auto x) {
  struct SQLMODEL_TABLE(.name = "in_generic") G { SQLMODEL_FIELD(.primary_key = true) decltype(x) id; };
  return G{};
};
auto used = generic(1);
// CHECK-NOT: PLEASE
