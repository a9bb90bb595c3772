// Single-table inheritance: hierarchies that cannot be stored.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

using sqlmodel::Inheritance;

// A child of a struct that is not a table.
struct Plain {
  std::int32_t x = 0;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "orphan") Orphan : Plain {  // expected-error {{'Orphan' is marked .inherit = single_table but derives from no table struct: its columns need a table to join [sqlmodel-table-inheritance]}}
  std::optional<std::int32_t> y;
};

// A child of two tables.
struct SQLMODEL_TABLE(.name = "a", .discriminator = "kind") A {  // #a
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
struct SQLMODEL_TABLE(.name = "b", .discriminator = "kind") B {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> b_id;
};
// expected-note@#a {{the first parent table is declared here}}
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "ab") AB : A, B {  // expected-error {{single-table child 'AB' derives from two table structs, 'A' and 'B': a row belongs to one hierarchy}}
  std::optional<std::int32_t> both;
};

// A joined-table child of a single-table child, which has no table to join.
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "a1") A1 : A {  // #a1
  std::optional<std::int32_t> z;
};
// expected-note@#a1 {{'A1' is declared here}}
struct SQLMODEL_TABLE(.name = "a2") A2 : A1 {  // expected-error {{table 'a2' derives from 'A1', a single-table child with no table of its own to join: derive from its hierarchy's table struct, or mark 'A2' .inherit = sqlmodel::Inheritance::single_table}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};

// .inherit = joined needs a parent table.
struct SQLMODEL_TABLE(.name = "lonely", .inherit = Inheritance::joined) Lonely {  // expected-error {{.inherit = joined on table 'lonely', which derives from no table struct}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};

// Fine: a grandchild folds into its root's table; an explicit joined child has its own table.
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "a11") A11 : A1 {
  std::optional<std::int32_t> deeper;
};
struct SQLMODEL_TABLE(.name = "a_joined", .inherit = Inheritance::joined) AJoined : A {
  std::optional<std::int32_t> own;
};
