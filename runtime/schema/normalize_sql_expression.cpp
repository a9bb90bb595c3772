#include "schema/lower.hpp"
