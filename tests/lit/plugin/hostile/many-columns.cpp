// A table with 400 generated columns and long names.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#define C4(p) std::int32_t p##a = 0; std::int32_t p##b = 0; std::int32_t p##c = 0; std::int32_t p##d = 0;
#define C16(p) C4(p##a) C4(p##b) C4(p##c) C4(p##d)
#define C64(p) C16(p##a) C16(p##b) C16(p##c) C16(p##d)
#define C256(p) C64(p##a) C64(p##b) C64(p##c) C64(p##d)
struct SQLMODEL_TABLE(.name = "wide") SQLMODEL_INDEX(.columns = {"xaaaa", "xaaab", "xaaac", "xaaad", "xaaba", "xaabb", "xaabc", "xaabd", "xaaca", "xaacb", "xaacc", "xaacd", "xaada", "xaadb", "xaadc", "xaadd"}) Wide {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  C256(x) C64(y) C64(z)
};
// CHECK-NOT: error
