#include "merge_snapshots.hpp"

#include <map>

namespace sqlmodel::snapshot_merge {
namespace {

std::string where(const std::string& origin, const schema::SourceLocation& source) {
  std::string text = schema::format_source(source);
  return text.empty() ? origin : text + " (in " + origin + ")";
}

// Adds `item` unless an identical one is there; a different one with the same name throws.
template <typename Item>
void add(std::vector<Item>& merged, std::map<std::string, std::pair<std::size_t, std::string>>& seen,
         const Item& item, const std::string& origin, const char* what) {
  auto it = seen.find(item.name);
  if (it == seen.end()) {
    seen.emplace(item.name, std::make_pair(merged.size(), origin));
    merged.push_back(item);
    return;
  }
  const Item& earlier = merged[it->second.first];
  if (earlier == item) return;
  throw MergeError(std::string("two different models define ") + what + " '" + item.name +
                   "': " + where(it->second.second, earlier.source) + " and " +
                   where(origin, item.source));
}

}  // namespace

schema::Schema merge(const std::vector<SnapshotInput>& inputs) {
  schema::Schema merged;
  std::map<std::string, std::pair<std::size_t, std::string>> tables, enums;
  for (const SnapshotInput& input : inputs) {
    for (const schema::Table& table : input.schema.tables)
      add(merged.tables, tables, table, input.origin, "table");
    for (const schema::EnumType& enum_type : input.schema.enums)
      add(merged.enums, enums, enum_type, input.origin, "enum");
  }
  schema::sort_canonically(merged);
  return merged;
}

}  // namespace sqlmodel::snapshot_merge
