// Another model that also calls itself "users".
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "users") Account {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string login;
};
