// std::optional<std::optional<T>> in mirror models: an Update model's way to set a nullable
// column to NULL (an engaged empty value; unset leaves it). Over a NOT NULL column, or in a
// model that is not partial, it cannot do what it says: an error, with a fix-it to
// std::optional<T>. In a table it is no column type at all.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

namespace shop {

struct SQLMODEL_TABLE(.name = "customers") Customer {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;  // expected-note {{the column is declared here}}
  std::string email;  // expected-note {{the column is declared here}}
  SQLMODEL_FIELD(.name = "nick_name", .max_length = 40) std::optional<std::string> nickname;  // expected-note {{the column is declared here}}
  SQLMODEL_FIELD(.nullable = false) std::optional<std::int32_t> score;  // expected-note {{the column is declared here}}
  std::optional<std::vector<std::string>> tags;
};

// Nullable columns: accepted, whatever the column is called.
struct SQLMODEL_MODEL(.mirrors = "Customer", .partial = true) CustomerPatch {
  std::optional<std::string> email;
  std::optional<std::optional<std::string>> nickname;
  std::optional<std::optional<std::vector<std::string>>> tags;
};

struct SQLMODEL_MODEL(.mirrors = "customers", .partial = true) CustomerBadPatch {
  std::optional<std::optional<std::string>> email;  // expected-error {{field 'email' of partial model 'CustomerBadPatch' is std::optional<std::optional<T>> to set the column to NULL, but column 'customers.email' is NOT NULL: use std::optional<T> [sqlmodel-mirror-models]}}
  // CHECK: fix-it:"{{.*}}mirror-nested-optional.cpp":{[[@LINE-1]]:3-[[@LINE-1]]:17}:""
  // CHECK: fix-it:"{{.*}}mirror-nested-optional.cpp":{[[@LINE-2]]:43-[[@LINE-2]]:44}:""
  std::optional<std::optional<std::int32_t>> score;  // expected-error {{field 'score' of partial model 'CustomerBadPatch' is std::optional<std::optional<T>> to set the column to NULL, but column 'customers.score' is NOT NULL}}
  std::optional<std::optional<std::int64_t>> id;  // expected-error {{but column 'customers.id' is NOT NULL}}
};

// Only an Update model tells unset from NULL.
struct SQLMODEL_MODEL(.mirrors = "Customer") CustomerCreate {
  std::string email;
  std::optional<std::optional<std::string>> nickname;  // expected-error {{field 'nickname' of model 'CustomerCreate' is std::optional<std::optional<T>>, which only a partial model (.partial = true) uses: it tells an unset field from one set to NULL}}
  // CHECK: fix-it:"{{.*}}mirror-nested-optional.cpp":{[[@LINE-1]]:3-[[@LINE-1]]:17}:""
};

// The inner type is still checked against the column's.
struct SQLMODEL_MODEL(.mirrors = "Customer", .partial = true) CustomerWrongPatch {
  std::optional<std::optional<std::int32_t>> nickname;  // expected-error {{field 'nickname' of model 'CustomerWrongPatch' is int32 but column 'customers.nick_name' is string(40)}}
};

struct SQLMODEL_TABLE(.name = "carts") Cart {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::optional<std::optional<std::string>> coupon;  // expected-error {{is ambiguous in a table: only a partial mirror model's field nests them (unset vs. NULL)}} expected-note {{supported column types}} expected-note {{exclude}}
};

}  // namespace shop
