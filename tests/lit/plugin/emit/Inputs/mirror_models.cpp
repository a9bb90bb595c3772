// The translation unit that compiles the mirror models.
#include "mirror_models.hpp"
