// Relationships to non-class types and wrapped relationships.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#include <vector>
struct SQLMODEL_TABLE(.name = "odd") Odd {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  sqlmodel::Related<int> number;
  std::vector<sqlmodel::Related<Odd>> wrapped;
  std::optional<sqlmodel::RelatedList<Odd>> maybe;
  SQLMODEL_RELATIONSHIP() std::int64_t not_a_relationship;
  SQLMODEL_FIELD() sqlmodel::Related<Odd> field_on_relationship;
};
// CHECK: error: member 'number' of table 'odd'
