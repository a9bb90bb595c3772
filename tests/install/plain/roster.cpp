// Sees only the teams model: its snapshot holds one table, which the merge folds into
// league.cpp's.
#include "roster.hpp"

namespace league {

std::string roster_line(const Team& team, std::size_t players) {
  return team.name + ": " + std::to_string(players) + " player(s)";
}

}  // namespace league
