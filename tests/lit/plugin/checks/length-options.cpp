// max_length / min_length on a non-string column, or not positive.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <vector>
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "items") Item {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.max_length = 10) std::int32_t count;  // expected-error {{.max_length on column 'items.count' of type int32: lengths apply to std::string only [sqlmodel-length-options]}}
  SQLMODEL_FIELD(.min_length = 1) bool flag;  // expected-error {{.min_length on column 'items.flag' of type boolean}}
  SQLMODEL_FIELD(.max_length = 0) std::string name;  // expected-error {{.max_length = 0 on column 'items.name' must be positive}}
  SQLMODEL_FIELD(.max_length = 20) std::vector<std::string> tags;
};
