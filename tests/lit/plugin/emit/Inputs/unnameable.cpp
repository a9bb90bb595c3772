#include "unnameable.hpp"
