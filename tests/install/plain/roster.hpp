#pragma once

#include <cstddef>
#include <string>

#include "teams.hpp"

namespace league {

std::string roster_line(const Team& team, std::size_t players);

}  // namespace league
