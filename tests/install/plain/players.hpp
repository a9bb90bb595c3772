#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

#include "teams.hpp"

namespace league {

struct SQLMODEL_TABLE(.name = "players") Player {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::int64_t team_id = 0;
  std::string name;
};

}  // namespace league
