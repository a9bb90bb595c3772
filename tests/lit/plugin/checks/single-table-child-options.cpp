// Single-table inheritance: a child has no table of its own, so no table name, comment,
// history, discriminator or primary key of its own.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

using sqlmodel::Inheritance;

struct SQLMODEL_TABLE(.name = "employees", .discriminator = "kind", .polymorphic_identity = "employee") Employee {  // #employees
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;  // #key
};

// expected-note@#employees 4 {{table 'employees' is declared here}}
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "manager",
                      .name = "managers",  // expected-error {{.name on single-table child 'Manager': it has no table of its own; its rows live in table 'employees' [sqlmodel-single-table-child-options]}}
                      .comment = "Managers",  // expected-error {{.comment on single-table child 'Manager': it has no table of its own}}
                      .renamed_from = "bosses",  // expected-error {{.renamed_from on single-table child 'Manager'}}
                      .discriminator = "role")  // expected-error {{.discriminator on single-table child 'Manager': the hierarchy's discriminator is declared once, on 'Employee'}}
Manager : Employee {
  // expected-note@#key {{the table's key is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> manager_number;  // expected-error {{single-table child 'Manager' cannot add column 'manager_number' to the primary key: its rows use the key of table 'employees'}}
};
