// Enums without enumerators, with duplicate values, with huge values, unscoped inside.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
enum class Empty {};
enum class Dup { a = 1, b = 1 };
enum class Big : unsigned long long { x = ~0ULL };
struct SQLMODEL_TABLE(.name = "enums") E {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  Empty empty = Empty{};
  Dup dup = Dup::b;
  Big big = Big::x;
  enum { one, two } anonymous;
};
// CHECK: error: the default of column 'enums.empty' is the value 0, which is not an enumerator of 'Empty'
