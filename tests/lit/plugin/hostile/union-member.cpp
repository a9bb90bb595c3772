// A table with a union member.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
union Value { int i; float f; };
struct SQLMODEL_TABLE(.name = "values_") Row {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  Value value;
};
// CHECK: error: member 'value' of table 'values_' has type 'Value'
