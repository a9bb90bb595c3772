#include "shared_models.hpp"

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::optional<std::int64_t> team_id;
};
