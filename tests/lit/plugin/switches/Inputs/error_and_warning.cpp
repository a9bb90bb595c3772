// An error (a table without a primary key) beside a warning.
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "notes") Note {
  std::string body;
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t team_id;
};
