// Single-table inheritance through templates: a templated child, a CRTP base between the
// child and its table, a template deriving from itself through a table. Diagnostics only.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
using sqlmodel::Inheritance;
struct SQLMODEL_TABLE(.name = "nodes", .discriminator = "kind") Node {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
template <typename T>
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "leaf") Leaf : Node {
  std::optional<T> value;
};
Leaf<int> leaf;
template <typename Derived>
struct Crtp : Node {
  std::optional<std::int32_t> depth;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "branch") Branch : Crtp<Branch> {
  std::optional<std::int32_t> fanout;
};
template <int N>
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "chain") Chain : Chain<N - 1> {};
template <>
struct Chain<0> : Node {};
Chain<3> chain;
// CHECK: error: a class template or its specializations cannot be table models
// CHECK: error: a class template or its specializations cannot be table models
// CHECK-NOT: error:
