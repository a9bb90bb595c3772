#pragma once
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "employees", .discriminator = "kind", .polymorphic_identity = "employee") Employee {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
};
