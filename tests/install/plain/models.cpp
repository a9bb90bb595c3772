// The translation unit the code generator reads: every model header.
#include "players.hpp"
#include "teams.hpp"
