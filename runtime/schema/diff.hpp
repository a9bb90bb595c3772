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
//
// renamed_from is an instruction to the diff, not part of the schema it compares: it pairs an
// old name in `from` with a new one in `to` when `from` has the old name and not the new one,
// and is ignored otherwise. Operations never carry it and replay never produces it, so once
// the migration that renames exists, a stale `.renamed_from` left in the models renames
// nothing and removing it changes nothing. The guarantee above therefore reads, exactly:
//   apply(without_rename_hints(from), diff(from, to)) == without_rename_hints(to)
// (source locations, relationships, literal defaults and column order included), and the same
// for the inverse.
std::vector<Operation> diff(const Schema& from, const Schema& to);

// `schema` without renamed_from on its tables and columns: what a replayed history looks like.
Schema without_rename_hints(Schema schema);

}  // namespace sqlmodel::schema
