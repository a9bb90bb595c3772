// Single-table inheritance: a child's columns live in the shared table, nullable there. A
// column an ancestor has with another type, or a NOT NULL one, is an error; a non-optional
// member with no default is a warning (fix-it: std::optional).
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

using sqlmodel::Inheritance;

struct SQLMODEL_TABLE(.name = "employees", .discriminator = "kind", .polymorphic_identity = "employee") Employee {  // #employees-line
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;  // #employee-name
};

struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "manager") Manager : Employee {
  // expected-note@#employee-name {{'employees.name' is declared here}}
  std::int64_t name = 0;  // expected-error {{member 'name' of single-table child 'Manager' maps to column 'employees.name' with type int64, but the table has it as string(100): a shared table has one column of each name [sqlmodel-single-table-columns]}}
  SQLMODEL_FIELD(.nullable = false) std::optional<double> budget;  // expected-error {{column 'employees.budget' of single-table child 'Manager' cannot be NOT NULL: rows of the other models in table 'employees' hold NULL there}}
  std::int32_t reports;  // expected-warning {{column 'employees.reports' of single-table child 'Manager' is nullable in the shared table (rows of the other models hold NULL), but member 'reports' is not std::optional and has no default: make it std::optional or give it a default [sqlmodel-single-table-nullable]}}
  std::int32_t floor = 3;
  SQLMODEL_FIELD(.server_default = "'none'") std::string office;
  std::optional<std::string> title;
};
// CHECK: fix-it:"{{.*}}single-table-columns.cpp":{[[@LINE-5]]:3-[[@LINE-5]]:3}:"std::optional<"
// CHECK: fix-it:"{{.*}}single-table-columns.cpp":{[[@LINE-6]]:15-[[@LINE-6]]:15}:">"

// The same name with the same type is one shared column.
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "engineer") Engineer : Employee {
  SQLMODEL_FIELD(.max_length = 100) std::string name;
  std::optional<std::int32_t> reports;
};

// The discriminator the plugin adds is a string column too.
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "contractor") Contractor : Employee {
  std::int32_t kind = 0;  // expected-error {{member 'kind' of single-table child 'Contractor' maps to column 'employees.kind' with type int32, but the table has it as string}}
};
// expected-note@#employees-line {{'employees.kind' is the discriminator added here}}
