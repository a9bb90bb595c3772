// A minimum greater than the maximum.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "items") Item {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.max_length = 5, .min_length = 8) std::string code;  // expected-error {{.min_length = 8 is greater than .max_length = 5 on column 'items.code' [sqlmodel-bounds]}} expected-note {{.max_length is set here}}
  SQLMODEL_FIELD(.ge = 10, .le = 1) std::int32_t quantity;  // expected-error {{.ge = 10 and .le = 1 on column 'items.quantity' leave no valid value}} expected-note {{.le is set here}}
  SQLMODEL_FIELD(.gt = 1, .lt = 1) double ratio;  // expected-error {{.gt = 1 and .lt = 1 on column 'items.ratio' leave no valid value}} expected-note {{.lt is set here}}
  SQLMODEL_FIELD(.ge = 1, .le = 1) double exactly_one;
};
