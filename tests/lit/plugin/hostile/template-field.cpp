// A table whose member type depends on a template elsewhere.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
template <typename T> struct Wrapper { T value; };
struct SQLMODEL_TABLE(.name = "items") Item {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  Wrapper<int> wrapped;
};
// CHECK: error: member 'wrapped' of table 'items' has type 'Wrapper<int>'
