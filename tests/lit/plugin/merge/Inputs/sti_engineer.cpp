#include "sti_root.hpp"

struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table, .polymorphic_identity = "engineer")
Engineer : Employee {
  std::optional<std::string> language;
};

// The same identity as sti_manager.cpp's child: merging the two is an error.
#ifndef STI_NO_BOSS
struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table, .polymorphic_identity = "manager")
Boss : Employee {
  std::optional<std::int32_t> reports;
};
#endif
