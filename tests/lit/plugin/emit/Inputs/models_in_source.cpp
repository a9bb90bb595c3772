// Models declared in a source file: the generated header cannot include it.
#include <cstdint>
#include <optional>

#include <sqlmodel/annotations.hpp>

namespace local {
struct SQLMODEL_TABLE(.name = "notes") Note {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
}  // namespace local
