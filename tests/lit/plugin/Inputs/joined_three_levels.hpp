// Joined-table inheritance three levels deep: Puppy : Dog : Animal, each with its own table.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

namespace zoo {
struct SQLMODEL_TABLE(.name = "animals") Animal {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 50) std::string name;
};
struct SQLMODEL_TABLE(.name = "dogs") Dog : Animal {
  SQLMODEL_FIELD(.max_length = 50) std::string breed;
};
struct SQLMODEL_TABLE(.name = "puppies") Puppy : Dog {
  std::int32_t age_weeks = 0;
};
}  // namespace zoo
