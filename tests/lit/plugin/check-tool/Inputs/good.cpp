// A GCC-built translation unit of the example models.
#include "../../Inputs/todo_models.hpp"
