// A .server_default the checker cannot parse is a warning, never an error: the dialect may
// accept what the checker does not know. It can be turned off by name and by NOLINT.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: %clang_sqlmodel -Werror -fplugin-arg-sqlmodel-checks=-server-default-syntax %s
// RUN: not %clang_sqlmodel -Werror %s 2>&1 | FileCheck %s
// CHECK: error: .server_default 'now() +' of column 'events.due' could not be checked
#include <chrono>
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "events") Event {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.server_default = "now() +") std::chrono::system_clock::time_point due;  // expected-warning {{.server_default 'now() +' of column 'events.due' could not be checked: it does not parse as a SQL expression (unexpected token ''); the database will be the first to read it [sqlmodel-server-default-syntax]}}
  SQLMODEL_FIELD(.server_default = "SUBSTRING('abcdef' FROM 2)") std::string tail;  // expected-warning {{could not be checked}}
  SQLMODEL_FIELD(.server_default = "(SELECT 1)") std::int64_t one;  // NOLINT(sqlmodel-server-default-syntax)
};
