// "Did you mean ...?" for readers of hand-edited files (snapshots, migration files): the
// allowed name closest to a misspelt one, when it is close enough to be a likely typo.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

namespace sqlmodel::detail {

// Levenshtein distance (insert, delete, substitute: cost 1 each).
std::size_t edit_distance(std::string_view a, std::string_view b);

std::optional<std::string_view> closest_name(std::string_view wrong, std::span<const std::string_view> allowed,
                                             std::size_t max_distance);

}  // namespace sqlmodel::detail
