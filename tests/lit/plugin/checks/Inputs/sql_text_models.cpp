#include "sql_text_models.hpp"
