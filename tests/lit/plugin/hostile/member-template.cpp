// A table with a member function template and a nested class template.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "things") Thing {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  template <typename T> T get() const { return T{}; }
  template <typename T> struct Nested { T value; };
  Nested<int> nested;
};
// CHECK: error: member 'nested' of table 'things'
