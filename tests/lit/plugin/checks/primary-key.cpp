// A table without a primary key; the fix-it marks a column named "id".
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "notes") Note {  // expected-error {{table 'notes' has no primary key [sqlmodel-primary-key]}}
  std::int64_t id;  // expected-note {{mark the key column with .primary_key = true}}
  std::string body;
};
// CHECK: fix-it:"{{.*}}primary-key.cpp":{[[@LINE-3]]:3-[[@LINE-3]]:3}:"SQLMODEL_FIELD(.primary_key = true) "

struct SQLMODEL_TABLE(.name = "tags") Tag {  // expected-error {{table 'tags' has no primary key}} expected-note {{add a key column}}
  std::string label;
};

struct SQLMODEL_TABLE(.name = "labels") Label {  // expected-error {{table 'labels' has no primary key}}
  // expected-note@+1 {{mark the key column}}
  SQLMODEL_FIELD(.max_length = 20) std::int64_t id;  // expected-error {{.max_length on column 'labels.id' of type int64}}
  std::string text;
};
// CHECK: fix-it:"{{.*}}primary-key.cpp":{[[@LINE-3]]:18-[[@LINE-3]]:18}:".primary_key = true, "
