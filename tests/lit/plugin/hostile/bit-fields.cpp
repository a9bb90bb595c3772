// Bit-field members.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "flags") Flags {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  unsigned a : 1;
  SQLMODEL_FIELD(.exclude = true) unsigned b : 3;
  int : 0;
};
// CHECK: error: bit-field 'a' cannot be a column
