// Joined-table inheritance: each child table holds its own columns and the parent's key.
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "employees") Employee {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
};

struct SQLMODEL_TABLE(.name = "engineers") Engineer : Employee {
  SQLMODEL_FIELD(.max_length = 50) std::string language;
};

struct SQLMODEL_TABLE(.name = "managers") Manager : Employee {
  std::int32_t reports = 0;
};
