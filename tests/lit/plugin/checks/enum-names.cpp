// Two C++ enums that would become one SQL enum type.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "tasks") Task {
  enum class Status { open, done };  // expected-note {{the other enum is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  Status status = Status::open;
};

struct SQLMODEL_TABLE(.name = "orders") Order {
  enum class Status { placed, shipped };
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  Status status = Status::placed;  // expected-error {{enum 'Order::Status' and enum 'Task::Status' both map to the SQL enum type 'status': rename one of them [sqlmodel-enum-names]}}
};
