// Annotations in the wrong place, and option values the plugin cannot read.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

SQLMODEL_FIELD(.primary_key = true) int global_value;  // expected-error {{SQLMODEL_FIELD belongs on a non-static data member of a struct [sqlmodel-misplaced-annotation]}}

struct SQLMODEL_FIELD() NotAField {};  // expected-error {{SQLMODEL_FIELD belongs on a non-static data member}}

struct SQLMODEL_INDEX(.columns = {"id"}) Plain {  // expected-error {{SQLMODEL_INDEX needs SQLMODEL_TABLE on the same struct}}
  std::int64_t id;
};

struct [[clang::annotate("sqlmodel.view", 1)]] View {};  // expected-error {{unknown sqlmodel annotation 'sqlmodel.view' [sqlmodel-unknown-annotation]}}

constexpr char users_name[] = "users";

struct SQLMODEL_TABLE(.name = users_name) SQLMODEL_CHECK(.expression = "id > 0") User {  // expected-error {{SQLMODEL_CHECK needs a .name}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.sql_type = "varchar") std::string name;  // expected-error {{unknown sql_type 'varchar': use the snapshot's type spelling}}
};

struct SQLMODEL_TABLE(.name = "things") SQLMODEL_TABLE(.name = "other_things") Thing {  // expected-error {{more than one SQLMODEL_TABLE on the same declaration}} expected-note {{the first one is here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

union SQLMODEL_TABLE(.name = "unions") Union {  // expected-error {{a union cannot be a table model}}
  std::int64_t id;
};

template <typename T>
struct SQLMODEL_TABLE(.name = "boxes") Box {  // expected-error {{a class template or its specializations cannot be table models}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  T value;
};
