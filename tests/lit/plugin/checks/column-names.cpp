// Two members mapping to one column, e.g. a mixin's and the table's own under another name.
// (A member with the very name of a mixin's member replaces that column: no error, see
// snapshot/types.test.)
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <chrono>
#include <sqlmodel/annotations.hpp>

struct Timestamps {
  std::chrono::system_clock::time_point created_at;  // expected-note {{the other member is declared here}}
};

struct SQLMODEL_TABLE(.name = "users") User : Timestamps {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;  // expected-note {{the other member is declared here}}
  SQLMODEL_FIELD(.name = "created_at") std::chrono::system_clock::time_point made_at;  // expected-error {{member 'made_at' and member 'created_at' both map to column 'created_at' of table 'users' [sqlmodel-column-names]}}
  SQLMODEL_FIELD(.name = "id") std::int64_t legacy_id;  // expected-error {{member 'legacy_id' and member 'id' both map to column 'id'}}
};
