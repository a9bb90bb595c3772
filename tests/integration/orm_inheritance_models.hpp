// Single-table inheritance models for orm_inheritance_test.cpp: their traits and their tables
// (the snapshot) come from the sqlmodel plugin at build time (orm_inheritance.cmake).
// - Employee: a discriminator no member holds ("kind", added by the plugin), a concrete root,
//   a child (Manager) with a grandchild (Director), and a sibling (Engineer) sharing no column.
// - Vehicle: an enum class member as the discriminator and an abstract root (no identity).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sqlmodel/annotations.hpp"

namespace sqlmodel::testing::sti {

struct Employee;
struct Manager;

struct SQLMODEL_TABLE(.name = "sti_departments") Department {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 80) std::string name;
  // Every employee of the department, and (a relationship to a single-table child) only its
  // managers: rows of the same table told apart by the discriminator.
  SQLMODEL_RELATIONSHIP(.order_by = "name") sqlmodel::RelatedList<Employee> staff;
  SQLMODEL_RELATIONSHIP(.order_by = "name") sqlmodel::RelatedList<Manager> managers;
};

struct SQLMODEL_TABLE(.name = "sti_employees", .discriminator = "kind",
                      .polymorphic_identity = "employee") Employee {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
  SQLMODEL_FIELD(.foreign_key = "sti_departments.id", .index = true)
  std::optional<std::int64_t> department_id;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "manager") Manager : Employee {
  std::optional<double> budget;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "director") Director : Manager {
  SQLMODEL_FIELD(.max_length = 40) std::optional<std::string> office;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "engineer") Engineer : Employee {
  SQLMODEL_FIELD(.max_length = 40) std::optional<std::string> language;
  std::optional<std::int32_t> level;
};

enum class VehicleKind { car, truck };

struct SQLMODEL_TABLE(.name = "sti_vehicles", .discriminator = "kind") Vehicle {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  VehicleKind kind = VehicleKind::car;
  SQLMODEL_FIELD(.max_length = 20) std::string plate;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "car") Car : Vehicle {
  std::optional<std::int32_t> seats;
};

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
                      .polymorphic_identity = "truck") Truck : Vehicle {
  std::optional<double> payload_tons;
};

}  // namespace sqlmodel::testing::sti
