// Mixins a table model derives from to get timestamps and soft delete, as in SQLModel
// recipes and Django's auto_now_add / auto_now:
//
//   struct SQLMODEL_TABLE(.name = "notes") Note : sqlmodel::TimestampMixin,
//                                                  sqlmodel::SoftDeleteMixin { ... };
//
// The generated traits mark the members (model_traits.hpp: `.default_factory = now`,
// `.role = updated_at / deleted_at`); the session does the rest:
// - created_at is set to now on INSERT when unset; updated_at on INSERT when unset and on
//   every UPDATE (NOT NULL columns: the session always fills them; a value the caller put in
//   updated_at is overwritten by an UPDATE, as SQLAlchemy's onupdate does).
// - session.soft_delete(object) sets deleted_at and UPDATEs the row; reads of a
//   soft-deletable model (select<T>(), get<T>(key), relationship loaders) skip rows whose
//   deleted_at is set unless they say with_deleted (soft_delete.hpp).
// Times are UTC, microsecond precision (what both databases store).
#pragma once

#include <chrono>
#include <optional>

#include "sqlmodel/annotations.hpp"

namespace sqlmodel {

using Timestamp = std::chrono::system_clock::time_point;

struct TimestampMixin {
  SQLMODEL_FIELD(.nullable = false, .default_factory = ::sqlmodel::DefaultFactory::now)
  std::optional<Timestamp> created_at;
  SQLMODEL_FIELD(.nullable = false, .default_factory = ::sqlmodel::DefaultFactory::now)
  std::optional<Timestamp> updated_at;
};

struct SoftDeleteMixin {
  std::optional<Timestamp> deleted_at;
};

namespace detail {
// Now, truncated to the microseconds the databases keep, so a value written and read back
// compares equal to the one the object holds.
inline Timestamp now_for_database() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}
}  // namespace detail

}  // namespace sqlmodel
