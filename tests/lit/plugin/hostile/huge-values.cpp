// Extreme option values.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#include <limits>
struct SQLMODEL_TABLE(.name = "extreme") Extreme {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.max_length = 2147483647, .min_length = -2147483647) std::string a;
  SQLMODEL_FIELD(.ge = std::numeric_limits<double>::infinity(), .le = -1e308) double b;
  SQLMODEL_FIELD(.precision = -1, .scale = 2147483647) sqlmodel::Decimal c;
  std::int64_t d = std::numeric_limits<std::int64_t>::min();
  double e = std::numeric_limits<double>::infinity();
  double f = std::numeric_limits<double>::quiet_NaN();
};
// CHECK: error: .min_length = -2147483647 on column 'extreme.a' must be zero or more
