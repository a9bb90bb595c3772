// An enum default that is not an enumerator (C++ initializer or server default).
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

enum class Status { draft, active, done };  // expected-note {{the enumerators are: draft, active, done}}

struct SQLMODEL_TABLE(.name = "tasks") Task {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  Status status = static_cast<Status>(7);  // expected-error {{the default of column 'tasks.status' is the value 7, which is not an enumerator of 'Status' [sqlmodel-enum-default]}}
  SQLMODEL_FIELD(.server_default = "'actve'") Status next = Status::active;  // expected-error {{.server_default ''actve'' of column 'tasks.next' is not an enumerator of 'Status'; did you mean 'active'?}}
  // CHECK: fix-it:"{{.*}}enum-default.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:45}:"\"'active'\""
  SQLMODEL_FIELD(.server_default = "'done'") Status last = Status::done;
};
