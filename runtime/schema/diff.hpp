// Compare: the ordered list of operations that turns one schema into another.
#pragma once

#include <vector>

#include "schema/operations.hpp"

namespace sqlmodel::schema {

// Operations that turn `from` into `to`, ordered so that each applies on its own: enums
// created and values added first; tables renamed (from renamed_from), created parents before
// children; columns renamed, added, altered; constraints and indexes dropped before the
// columns and tables they stand on are dropped, created after; foreign keys that close a cycle
// added after both tables; tables dropped children before parents; enums dropped last.
// Renames come only from renamed_from in `to`, never from guessing. Applying the result to
// `from` with apply_to_schema gives `to` exactly, and invert(result) applied to `to` gives
// `from` exactly.
std::vector<Operation> diff(const Schema& from, const Schema& to);

}  // namespace sqlmodel::schema
