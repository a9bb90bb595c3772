#include "sti_models.hpp"
