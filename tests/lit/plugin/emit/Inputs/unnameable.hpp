// A table in an anonymous namespace: no other file can name it, so no header can hold its traits.
#pragma once

#include <cstdint>
#include <optional>

#include <sqlmodel/annotations.hpp>

namespace {
struct SQLMODEL_TABLE(.name = "hidden") Hidden {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
}  // namespace
