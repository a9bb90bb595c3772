// The league's schema: teams and their players.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

namespace league {

struct Player;

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .max_length = 80) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "team", .order_by = "name") sqlmodel::RelatedList<Player> players;
};

struct SQLMODEL_TABLE(.name = "players") Player {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::int64_t team_id = 0;
  std::string name;
  SQLMODEL_FIELD(.ge = 0) std::int32_t goals = 0;
  SQLMODEL_RELATIONSHIP(.back_populates = "players") sqlmodel::Related<Team> team;
};

}  // namespace league
