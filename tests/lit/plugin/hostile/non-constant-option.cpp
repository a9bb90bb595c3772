// An option value that is not a constant expression.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
const char* runtime_name();
int runtime_length();
struct SQLMODEL_TABLE(.name = runtime_name()) Item {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.max_length = runtime_length()) std::string name;
};
// CHECK: error:
