// Options that do not fit the member's type.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <chrono>
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "items") Item {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.nullable = true) std::string note;  // expected-error {{column 'items.note' is .nullable but its C++ type cannot hold NULL: make it std::optional [sqlmodel-field-options]}}
  // CHECK: fix-it:"{{.*}}field-options.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:36}:"std::optional<"
  SQLMODEL_FIELD(.autoincrement = true) std::int32_t position;  // expected-error {{.autoincrement on column 'items.position' of type int32: only an integer primary key is assigned by the database}}
  SQLMODEL_FIELD(.precision = 10, .scale = 2) double price;  // expected-error {{.precision on column 'items.price' of type float64: precision and scale apply to sqlmodel::Decimal only}}
  SQLMODEL_FIELD(.precision = 4, .scale = 6) sqlmodel::Decimal amount;  // expected-error {{.scale on column 'items.amount' of type numeric(4,6): the scale must be between 0 and the precision}}
  SQLMODEL_FIELD(.timezone = false) std::string zone;  // expected-error {{.timezone on column 'items.zone' of type string: only timestamps have a time zone}}
  SQLMODEL_FIELD(.default_factory = sqlmodel::DefaultFactory::now) std::int64_t stamp;  // expected-error {{DefaultFactory::now needs a timestamp or date}}
  SQLMODEL_FIELD(.default_factory = sqlmodel::DefaultFactory::uuid4) std::string token;  // expected-error {{DefaultFactory::uuid4 needs a sqlmodel::UUID}}
  SQLMODEL_FIELD(.on_delete = sqlmodel::OnDelete::cascade) std::int64_t owner;  // expected-error {{.on_delete on column 'items.owner', which has no .foreign_key}}
  SQLMODEL_FIELD(.ge = 0) std::string label;  // expected-error {{.ge on column 'items.label' of type string: bounds apply to numbers only}}
  SQLMODEL_FIELD(.pattern = "[a-z") std::string code;  // expected-error {{.pattern of column 'items.code' is not a valid regular expression (RE2 syntax): missing ]: [a-z}}
  SQLMODEL_FIELD(.pattern = "^(a)\\1$") std::string repeated;  // expected-error {{.pattern of column 'items.repeated' is not a valid regular expression (RE2 syntax): invalid escape sequence: \1}}
  SQLMODEL_FIELD(.pattern = "^(?=a)") std::string lookahead;  // expected-error {{.pattern of column 'items.lookahead' is not a valid regular expression (RE2 syntax): invalid perl operator: (?=}}
  SQLMODEL_FIELD(.pattern = "^[[:alpha:](]\\(\\Q((\\E(?i)x{2,3}$") std::string classes;
  SQLMODEL_FIELD(.version = true) std::string revision;  // expected-error {{.version on column 'items.revision' of type string: a version column is an integer column of its own, not a key}}
  SQLMODEL_FIELD(.version = true) std::int32_t version = 0;
  SQLMODEL_FIELD(.pattern = "^[a-z]+$", .max_length = 8, .min_length = 1) std::string fine;
  SQLMODEL_FIELD(.timezone = false, .default_factory = sqlmodel::DefaultFactory::now) std::chrono::system_clock::time_point local_time;
};
