#pragma once
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "shared") SharedA { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
struct Later;
