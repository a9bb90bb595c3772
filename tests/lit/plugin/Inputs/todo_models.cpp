// The translation unit that compiles the todo models.
#include "todo_models.hpp"
