#include "sti_root.hpp"

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table, .polymorphic_identity = "manager")
Manager : Employee {
  SQLMODEL_FIELD(.index = true) std::optional<double> budget;
};
