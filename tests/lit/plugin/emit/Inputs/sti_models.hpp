// Single-table hierarchies for the generated-header golden (sti-hierarchy.test): a discriminator
// no member holds, a concrete root, a child with a grandchild and its own relationship, a
// sibling that shares a column by name, a relationship whose target is a child, and an enum
// member discriminator on an abstract root.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

namespace sti {

struct Employee;
struct Manager;

struct SQLMODEL_TABLE(.name = "departments") Department {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 80) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "department") sqlmodel::RelatedList<Employee> staff;
  SQLMODEL_RELATIONSHIP(.order_by = "name") sqlmodel::RelatedList<Manager> managers;
};

struct SQLMODEL_TABLE(.name = "employees", .discriminator = "kind",
                      .polymorphic_identity = "employee") Employee {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
  SQLMODEL_FIELD(.foreign_key = "departments.id", .index = true) std::optional<std::int64_t> department_id;
  SQLMODEL_RELATIONSHIP(.back_populates = "staff") sqlmodel::Related<Department> department;
};

struct SQLMODEL_TABLE(.name = "projects") Project {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string title;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "manager") Manager : Employee {
  std::optional<double> budget;
  SQLMODEL_FIELD(.foreign_key = "projects.id", .index = true) std::optional<std::int64_t> project_id;
  SQLMODEL_RELATIONSHIP() sqlmodel::Related<Project> project;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "director") Director : Manager {
  SQLMODEL_FIELD(.max_length = 40) std::optional<std::string> office;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "engineer") Engineer : Employee {
  SQLMODEL_FIELD(.max_length = 40) std::optional<std::string> office;  // shares Director's column
  std::optional<std::int32_t> level;
};

enum class VehicleKind { car, truck };

struct SQLMODEL_TABLE(.name = "vehicles", .discriminator = "kind") Vehicle {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  VehicleKind kind = VehicleKind::car;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "car") Car : Vehicle {
  std::optional<std::int32_t> seats;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "truck") Truck : Vehicle {
  std::optional<double> payload_tons;
};

}  // namespace sti
