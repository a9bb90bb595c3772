// Hierarchies mixing inheritance kinds: a joined child under a single-table child, a
// single-table child under a joined child (a second hierarchy rooted there), redeclarations
// that disagree on .inherit, a child repeated as both bases. Diagnostics only.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
using sqlmodel::Inheritance;
struct SQLMODEL_TABLE(.name = "items", .discriminator = "kind", .polymorphic_identity = "item") Item {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "book") Book : Item {
  std::optional<std::string> isbn;
};
struct SQLMODEL_TABLE(.name = "ebooks", .inherit = Inheritance::joined) EBook : Book {
  std::optional<std::string> format;
};
struct SQLMODEL_TABLE(.name = "tools", .inherit = Inheritance::joined, .discriminator = "tool_kind") Tool : Item {
  std::optional<std::string> brand;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "hammer") Hammer : Tool {
  std::optional<double> weight;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table) Gadget;
struct SQLMODEL_TABLE(.inherit = Inheritance::joined) Gadget : Item {
  std::optional<int> battery;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "pair") Pair : Book, Hammer {};
// CHECK: error: conflicting SQLMODEL_TABLE annotations on declarations of the same entity
// CHECK: error: single-table child 'Pair' derives from two table structs, 'Book' and 'Hammer'
// CHECK: error: table 'ebooks' derives from 'Book', a single-table child with no table of its own to join
// CHECK-NOT: error: {{.*}}'tools'
// CHECK-NOT: error: {{.*}}'Hammer'
