// Single-table inheritance: children share their root's table; their columns are nullable
// there, and the discriminator column tells each row's model.
#include <sqlmodel/annotations.hpp>

using sqlmodel::Inheritance;

struct SQLMODEL_TABLE(.name = "departments") Department {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 80) std::string name;
};

// The discriminator "kind" is no member: the plugin adds it as a VARCHAR NOT NULL column.
struct SQLMODEL_TABLE(.name = "employees", .discriminator = "kind",
                      .polymorphic_identity = "employee") Employee {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
};

struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "manager")
SQLMODEL_INDEX(.columns = {"budget"}, .where = "budget IS NOT NULL")
Manager : Employee {
  SQLMODEL_FIELD(.foreign_key = "departments.id", .on_delete = sqlmodel::OnDelete::set_null, .index = true)
  std::optional<std::int64_t> department_id;
  std::optional<double> budget;
};

struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "engineer")
Engineer : Employee {
  SQLMODEL_FIELD(.max_length = 50) std::string language = "c++";
  std::int32_t level = 1;
};

// An enum discriminator declared as a member; an abstract root (no identity of its own); a
// grandchild folded into the same table.
enum class VehicleKind { car, truck, pickup };

struct SQLMODEL_TABLE(.name = "vehicles", .discriminator = "kind") Vehicle {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.index = true) VehicleKind kind = VehicleKind::car;
};

struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "car") Car : Vehicle {
  std::optional<std::int32_t> seats;
};

struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "truck") Truck : Vehicle {
  std::optional<double> payload_tons;
};

struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "pickup") Pickup : Truck {
  std::optional<bool> covered_bed;
};

#ifdef STI_WITH_INTERN
// A child added later (sti-migration.test): one nullable column and one more identity.
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "intern")
Intern : Employee {
  std::optional<std::string> school;
};
#endif
