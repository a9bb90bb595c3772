// Options assembled from macros and constexpr values.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#define LEN 40
constexpr int width = LEN * 2;
constexpr const char* table_name = "widgets";
struct SQLMODEL_TABLE(.name = table_name) Widget {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.max_length = width) std::string label;
  SQLMODEL_FIELD(.max_length = -LEN) std::string bad;
};
// CHECK: error: .max_length = -40 on column 'widgets.bad' must be positive
