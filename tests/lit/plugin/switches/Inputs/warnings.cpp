// Two warnings of two checks and no error: the switches decide what becomes of them.
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "users") SQLMODEL_INDEX(.columns = {"email"}, .name = "ix_email_again") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.index = true) std::string email;
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t team_id;
};
