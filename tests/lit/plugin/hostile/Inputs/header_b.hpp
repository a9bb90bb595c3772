#pragma once
#include <sqlmodel/annotations.hpp>
#include "header_a.hpp"
struct SQLMODEL_TABLE(.name = "shared") SharedB { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
struct Later;
struct SQLMODEL_TABLE(.name = "later") Later;
