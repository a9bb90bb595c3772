// Foreign keys with odd spellings.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "t") T {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = ".", .index = true) std::int64_t a;
  SQLMODEL_FIELD(.foreign_key = "t.", .index = true) std::int64_t b;
  SQLMODEL_FIELD(.foreign_key = ".id", .index = true) std::int64_t c;
  SQLMODEL_FIELD(.foreign_key = "s.t.id", .index = true) std::int64_t d;
  SQLMODEL_FIELD(.foreign_key = "t.id", .index = true) std::int64_t self_ok;
};
// CHECK: error: foreign key "." of column 't.a' is not of the form "table.column"
