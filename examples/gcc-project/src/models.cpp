// The models' own translation unit, compiled by g++ like any other source: its entry in
// compile_commands.json is what `sqlmodel-check -p <build dir>` reads to check them.
#include "models.hpp"
