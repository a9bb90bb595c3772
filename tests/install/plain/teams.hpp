#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

namespace league {

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .max_length = 80) std::string name;
};

}  // namespace league
