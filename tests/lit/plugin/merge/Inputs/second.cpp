#include "shared_models.hpp"

enum class Kind { bug, feature };

struct SQLMODEL_TABLE(.name = "issues") Issue {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  Kind kind = Kind::bug;
};
