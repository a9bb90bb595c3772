// A GCC-built translation unit with model errors GCC cannot see.
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "users") User {
  std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "team.id", .index = true) std::int64_t team_id;
};
