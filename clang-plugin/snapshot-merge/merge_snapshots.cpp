#include "merge_snapshots.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace sqlmodel::snapshot_merge {
namespace {

std::string where(const std::string& origin, const schema::SourceLocation& source) {
  std::string text = schema::format_source(source);
  return text.empty() ? origin : text + " (in " + origin + ")";
}

[[noreturn]] void conflict(const char* what, const std::string& name, const std::string& first_origin,
                           const schema::SourceLocation& first, const std::string& origin,
                           const schema::SourceLocation& second) {
  throw MergeError(std::string("two different models define ") + what + " '" + name + "': " +
                   where(first_origin, first) + " and " + where(origin, second));
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
  conflict(what, item.name, it->second.second, earlier.source, origin, item.source);
}

// One single-table hierarchy seen by translation units that include different children: the
// same root declaration and discriminator. The table is the union of what each saw.
bool same_hierarchy(const schema::Table& a, const schema::Table& b) {
  return a.single_table_inheritance && b.single_table_inheritance && a.source == b.source &&
         a.single_table_inheritance->discriminator == b.single_table_inheritance->discriminator &&
         a.primary_key == b.primary_key && a.comment == b.comment && a.renamed_from == b.renamed_from;
}

// Adds the items of `from` missing in `into` (by `key`); an item with the same key must be equal.
template <typename Item, typename Key>
void unite(std::vector<Item>& into, const std::vector<Item>& from, Key key, const char* what,
           const schema::Table& table, const std::string& first_origin, const std::string& origin) {
  for (const Item& item : from) {
    auto same = std::find_if(into.begin(), into.end(), [&](const Item& other) { return key(other) == key(item); });
    if (same == into.end()) into.push_back(item);
    else if (!(*same == item))
      throw MergeError(std::string("two translation units disagree on ") + what + " '" + key(item) +
                       "' of the single-table hierarchy in table '" + table.name + "': " +
                       where(first_origin, same->source) + " and " + where(origin, item.source));
  }
}

void unite_hierarchy(schema::Table& merged, const schema::Table& table, const std::string& first_origin,
                     const std::string& origin) {
  // Every copy starts with the root's columns, followed by the children it saw. The columns
  // beyond the prefix all copies share go in source order, so the input order does not matter.
  std::size_t common = 0;
  while (common < merged.columns.size() && common < table.columns.size() &&
         merged.columns[common].name == table.columns[common].name)
    ++common;
  auto name_of = [](const auto& item) { return item.name; };
  unite(merged.columns, table.columns, name_of, "column", merged, first_origin, origin);
  std::stable_sort(merged.columns.begin() + static_cast<std::ptrdiff_t>(common), merged.columns.end(),
                   [](const schema::Column& a, const schema::Column& b) {
                     return std::tie(a.source.file, a.source.line, a.source.column, a.name) <
                            std::tie(b.source.file, b.source.line, b.source.column, b.name);
                   });
  unite(merged.foreign_keys, table.foreign_keys, name_of, "foreign key", merged, first_origin, origin);
  unite(merged.unique_constraints, table.unique_constraints, name_of, "unique constraint", merged, first_origin, origin);
  unite(merged.check_constraints, table.check_constraints, name_of, "check constraint", merged, first_origin, origin);
  unite(merged.indexes, table.indexes, name_of, "index", merged, first_origin, origin);
  unite(merged.relationships, table.relationships, name_of, "relationship", merged, first_origin, origin);
  unite(merged.single_table_inheritance->models, table.single_table_inheritance->models,
        [](const schema::PolymorphicModel& model) { return model.identity; }, "polymorphic identity",
        merged, first_origin, origin);
}

}  // namespace

schema::Schema merge(const std::vector<SnapshotInput>& inputs) {
  schema::Schema merged;
  std::map<std::string, std::pair<std::size_t, std::string>> tables, enums;
  std::map<std::string, std::string> sources_origin;
  for (const SnapshotInput& input : inputs) {
    for (const schema::Table& table : input.schema.tables) {
      auto it = tables.find(table.name);
      if (it != tables.end() && !(merged.tables[it->second.first] == table) &&
          same_hierarchy(merged.tables[it->second.first], table)) {
        unite_hierarchy(merged.tables[it->second.first], table, it->second.second, input.origin);
        continue;
      }
      add(merged.tables, tables, table, input.origin, "table");
    }
    for (const schema::EnumType& enum_type : input.schema.enums)
      add(merged.enums, enums, enum_type, input.origin, "enum");
    for (const auto& [file, digest] : input.schema.sources) {
      auto [it, inserted] = merged.sources.emplace(file, digest);
      if (!inserted && it->second != digest)
        throw MergeError("two snapshots were written from different versions of '" + file + "' (" +
                         sources_origin[file] + " and " + input.origin + "): it changed during the build; build again");
      if (inserted) sources_origin[file] = input.origin;
    }
  }
  schema::sort_canonically(merged);
  return merged;
}

}  // namespace sqlmodel::snapshot_merge
