// Single-table options on structs that are not tables, or not roots: children of a mirror, of a union, of an incomplete
// struct, a discriminator naming an excluded member or a relationship. Diagnostics only.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
using sqlmodel::Inheritance;
struct SQLMODEL_TABLE(.name = "people", .discriminator = "kind") Person {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.exclude = true) int kind_cache = 0;
};
struct SQLMODEL_MODEL(.mirrors = "people") PersonCreate {
  std::optional<std::int64_t> id;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "m") FromMirror : PersonCreate {
  std::optional<int> x;
};
union Mixed { int a; float b; };
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "u") FromUnion : Mixed {};
struct Incomplete;
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "i") FromIncomplete : Incomplete {};
struct SQLMODEL_TABLE(.name = "groups", .discriminator = "members") Group {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  sqlmodel::RelatedList<Person> members;
};
struct SQLMODEL_TABLE(.name = "walls", .discriminator = "kind_cache", .polymorphic_identity = 0) Wall {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
struct SQLMODEL_TABLE(.inherit = static_cast<Inheritance>(7), .polymorphic_identity = "x") Odd : Person {};
// CHECK: error: unions cannot be base classes
// CHECK: error: base class has incomplete type
// CHECK: error: SQLMODEL_TABLE: option '.inherit' is 7, which is not an enumerator of sqlmodel::Inheritance (unset, joined, single_table; a cast from an integer?)
// CHECK: error: 'FromMirror' is marked .inherit = single_table but derives from no table struct
