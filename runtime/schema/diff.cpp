// The diff walks from `from` to `to` in phases, applying each operation to a working copy as
// it emits it. Every operation therefore carries the objects exactly as they stand at that
// point (a dropped table without the foreign key dropped just before it), apply_to_schema's
// checks vouch for the order, and the final comparison with `to` proves the list complete.
//
// Phases, in order:
//   1. enums created; values removed and added (positions from a longest common subsequence)
//   2. tables renamed, then columns renamed (renamed_from in `to`), then the constraints and
//      indexes whose only difference left is their name (a renamed table's pk_<table> and
//      ix_<table>_<column>, an index over a renamed column): renamed, not dropped and made again
//   3. foreign keys, indexes, unique/check constraints and primary keys that changed or went
//      away dropped from the tables that stay
//   4. tables that went away dropped, children before parents; the foreign keys that close a
//      cycle among them dropped first
//   5. columns that went away dropped
//   6. new tables created, parents before children; a foreign key that would point at a table
//      not created yet (a cycle) or at a key that does not exist yet is added in phase 8
//   7. columns added (at their declaration position) and altered
//   8. primary keys, unique and check constraints and indexes added, then foreign keys
//   9. enums that went away dropped
//  10. what only the models hold (relationships, comments, source locations, column order)
//      carried by one alter_table_metadata per table
#include "schema/diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <type_traits>

namespace sqlmodel::schema {
namespace {

template <typename Item>
Item without_source(Item item) {
  item.source = {};
  return item;
}

template <typename Item>
bool same_ignoring_source(const Item& a, const Item& b) {
  return a == b || without_source(a) == without_source(b);  // copies only when they differ
}

template <typename Named>
const Named* find_named(const std::vector<Named>& items, const std::string& name) {
  for (const auto& item : items)
    if (item.name == name) return &item;
  return nullptr;
}

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

// A foreign key needs a primary key, unique constraint or plain unique index on exactly the
// referred columns (PostgreSQL checks this when the key is created).
bool is_referable(const Table& table, const std::vector<std::string>& columns) {
  auto key = sorted(columns);
  if (table.primary_key && sorted(table.primary_key->columns) == key) return true;
  for (const auto& unique : table.unique_constraints)
    if (sorted(unique.columns) == key) return true;
  for (const auto& index : table.indexes)
    if (index.unique && !index.where && sorted(index.columns) == key) return true;
  return false;
}

bool has_columns(const Table& table, const std::vector<std::string>& columns) {
  return std::all_of(columns.begin(), columns.end(),
                     [&](const std::string& name) { return table.find_column(name) != nullptr; });
}

// Positions of the values of `from` kept in `to`: a longest common subsequence, so the fewest
// values are removed and added.
std::vector<bool> kept_values(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  const std::size_t n = from.size(), m = to.size();
  std::vector<std::vector<std::size_t>> length(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      length[i][j] = from[i] == to[j] ? length[i + 1][j + 1] + 1
                                      : std::max(length[i + 1][j], length[i][j + 1]);
  std::vector<bool> kept(n, false);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (from[i] == to[j]) {
      kept[i] = true;
      ++i;
      ++j;
    } else if (length[i + 1][j] >= length[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return kept;
}

// The working and target schemas stay sorted by name (apply_to_schema keeps them so), so
// lookups are binary searches: Schema::find_table scans, and the diff looks up every table in
// every phase.
template <typename SchemaType>
auto find_sorted(SchemaType& schema, std::string_view name) -> decltype(&schema.tables.front()) {
  auto it = std::lower_bound(schema.tables.begin(), schema.tables.end(), name,
                             [](const Table& table, std::string_view wanted) { return table.name < wanted; });
  return it != schema.tables.end() && it->name == name ? &*it : nullptr;
}

class Differ {
 public:
  Differ(const Schema& from, const Schema& to)
      : current_(without_rename_hints(from)), target_(without_rename_hints(to)), hints_(to) {}

  std::vector<Operation> run() {
    create_enums_and_change_values();
    rename_tables();
    rename_columns();
    rename_constraints_and_indexes();
    drop_changed_constraints();
    drop_tables();
    drop_columns();
    create_tables();
    add_and_alter_columns();
    add_constraints();
    drop_enums();
    alter_metadata();
    if (!(current_ == target_))
      throw std::logic_error("diff: the operations do not reach the target schema (a bug in diff.cpp)");
    return std::move(operations_);
  }

 private:
  void emit(Operation operation) {
    apply_to_schema(current_, operation);
    operations_.push_back(std::move(operation));
  }

  Table& current_table(const std::string& name) { return *find_sorted(current_, name); }

  // Tables of the target that also exist now (after renames), by name.
  std::vector<std::string> common_tables() const {
    std::vector<std::string> names;
    for (const auto& table : target_.tables)
      if (find_sorted(current_, table.name)) names.push_back(table.name);
    return names;
  }

  void create_enums_and_change_values() {
    for (const auto& wanted : target_.enums) {
      const EnumType* existing = current_.find_enum(wanted.name);
      if (!existing) {
        emit(CreateEnum{wanted});
        continue;
      }
      if (existing->values == wanted.values) continue;
      const auto old_values = existing->values;
      auto kept = kept_values(old_values, wanted.values);
      // Removed from the back, so each position is still the value's index in the original.
      for (std::size_t i = old_values.size(); i-- > 0;)
        if (!kept[i]) emit(RemoveEnumValue{wanted.name, old_values[i], i});
      // What is left is a subsequence of the target: inserting the rest in target order puts
      // each at its final index.
      std::set<std::string> remaining;
      for (std::size_t i = 0; i < old_values.size(); ++i)
        if (kept[i]) remaining.insert(old_values[i]);
      for (std::size_t j = 0; j < wanted.values.size(); ++j)
        if (!remaining.count(wanted.values[j])) emit(AddEnumValue{wanted.name, wanted.values[j], j});
    }
  }

  // A hint applies when the old name exists and the new one does not. Repeated until nothing
  // moves, so chains (b -> c while a -> b) resolve in a valid order; each hint applies once.
  void rename_tables() {
    std::set<std::string> used;
    for (bool renamed = true; renamed;) {
      renamed = false;
      for (const auto& table : hints_.tables) {
        if (!table.renamed_from || used.count(table.name)) continue;
        if (find_sorted(current_, *table.renamed_from) && !find_sorted(current_, table.name)) {
          emit(RenameTable{*table.renamed_from, table.name});
          used.insert(table.name);
          renamed = true;
        }
      }
    }
  }

  void rename_columns() {
    for (const auto& hinted : hints_.tables) {
      if (!find_sorted(current_, hinted.name)) continue;
      std::set<std::string> used;
      for (bool renamed = true; renamed;) {
        renamed = false;
        for (const auto& column : hinted.columns) {
          if (!column.renamed_from || used.count(column.name)) continue;
          const Table& now = current_table(hinted.name);
          if (now.find_column(*column.renamed_from) && !now.find_column(column.name)) {
            emit(RenameColumn{hinted.name, *column.renamed_from, column.name});
            used.insert(column.name);
            renamed = true;
          }
        }
      }
    }
  }

  // A constraint or index of a table that stays, whose name is gone from the target while the
  // target has one under a new name that is the same in everything else, is renamed: on
  // PostgreSQL that keeps the index behind it (no rebuild, no window without the constraint).
  // A new name already taken anywhere (names of constraints and indexes are schema-wide) is
  // left to the drop and re-add of phases 3 and 8.
  void rename_constraints_and_indexes() {
    for (const auto& name : common_tables()) {
      const Table& wanted = *find_sorted(target_, name);
      const Table& now = current_table(name);
      std::vector<Operation> renames;
      collect_renames<RenameIndex>(name, now.indexes, wanted.indexes, renames);
      collect_renames<RenameConstraint>(name, now.unique_constraints, wanted.unique_constraints, renames);
      collect_renames<RenameConstraint>(name, now.check_constraints, wanted.check_constraints, renames);
      collect_renames<RenameConstraint>(name, now.foreign_keys, wanted.foreign_keys, renames);
      if (now.primary_key && wanted.primary_key && now.primary_key->name != wanted.primary_key->name &&
          same_except_name(*now.primary_key, *wanted.primary_key) && !name_taken(wanted.primary_key->name))
        renames.push_back(RenameConstraint{name, now.primary_key->name, wanted.primary_key->name});
      for (auto& rename : renames) emit(std::move(rename));
    }
  }

  template <typename Item>
  static bool same_except_name(Item a, Item b) {
    b.name = a.name;
    if constexpr (requires { a.source; }) a.source = b.source = {};
    return a == b;
  }

  bool name_taken(const std::string& name) const { return owner_of_name(current_, name).has_value(); }

  template <typename RenameOperation, typename Item>
  void collect_renames(const std::string& table, const std::vector<Item>& now, const std::vector<Item>& wanted,
                       std::vector<Operation>& renames) const {
    std::set<std::string> claimed;
    for (const auto& item : now) {
      if (find_named(wanted, item.name)) continue;  // the name stays: nothing to rename
      for (const auto& candidate : wanted) {
        if (claimed.count(candidate.name) || find_named(now, candidate.name) || name_taken(candidate.name) ||
            !same_except_name(item, candidate))
          continue;
        claimed.insert(candidate.name);
        renames.push_back(RenameOperation{table, item.name, candidate.name});
        break;
      }
    }
  }

  void drop_changed_constraints() {
    for (const auto& name : common_tables()) {
      const Table& wanted = *find_sorted(target_, name);
      auto changed = [&](const auto& items, const auto& item) {
        const auto* counterpart = find_named(items, item.name);
        return !counterpart || !same_ignoring_source(*counterpart, item);
      };
      // Collected before emitting: each emit changes the working schema. Foreign keys first:
      // they may stand on the unique keys dropped after them.
      const Table& before = current_table(name);
      auto going = [&](const auto& items, const auto& wanted_items) {
        std::vector<std::decay_t<decltype(items.front())>> result;
        for (const auto& item : items)
          if (changed(wanted_items, item)) result.push_back(item);
        return result;
      };
      auto keys = going(before.foreign_keys, wanted.foreign_keys);
      auto indexes = going(before.indexes, wanted.indexes);
      auto uniques = going(before.unique_constraints, wanted.unique_constraints);
      auto checks = going(before.check_constraints, wanted.check_constraints);
      std::optional<PrimaryKey> primary_key;
      if (before.primary_key && before.primary_key != wanted.primary_key) primary_key = before.primary_key;
      for (auto& key : keys) emit(DropForeignKey{name, std::move(key)});
      for (auto& index : indexes) emit(DropIndex{name, std::move(index)});
      for (auto& unique : uniques) {
        drop_foreign_keys_standing_on(name, unique.columns);
        emit(DropUniqueConstraint{name, std::move(unique)});
      }
      for (auto& check : checks) emit(DropCheckConstraint{name, std::move(check)});
      if (primary_key) {
        drop_foreign_keys_standing_on(name, primary_key->columns);
        emit(DropPrimaryKey{name, std::move(*primary_key)});
      }
    }
  }

  // PostgreSQL will not drop a key that foreign keys rely on (a key renamed with its table, a
  // widened primary key): those foreign keys go first and come back with phase 8.
  void drop_foreign_keys_standing_on(const std::string& table, const std::vector<std::string>& key_columns) {
    const auto key = sorted(key_columns);
    std::vector<std::pair<std::string, ForeignKey>> standing;
    for (const auto& other : current_.tables)
      for (const auto& foreign_key : other.foreign_keys)
        if (foreign_key.referred_table == table && sorted(foreign_key.referred_columns) == key)
          standing.emplace_back(other.name, foreign_key);
    for (auto& [owner, foreign_key] : standing) emit(DropForeignKey{owner, std::move(foreign_key)});
  }

  // Tables of `names` (all in `schema`) parents first. A foreign key from a table to one not
  // placed yet closes a cycle; the table that breaks the cycle is the first by name.
  // Returns the order and, per table, the foreign keys that close a cycle.
  static std::vector<std::string> creation_order(const Schema& schema, const std::set<std::string>& names,
                                                 std::map<std::string, std::set<std::string>>& cycle_keys) {
    std::vector<std::string> order;
    std::set<std::string> placed;
    std::set<std::string> pending = names;
    auto ready = [&](const std::string& name) {
      for (const auto& key : find_sorted(schema, name)->foreign_keys)
        if (key.referred_table != name && pending.count(key.referred_table) && !placed.count(key.referred_table))
          return false;
      return true;
    };
    while (!pending.empty()) {
      auto next = std::find_if(pending.begin(), pending.end(), ready);
      if (next == pending.end()) {
        next = pending.begin();
        for (const auto& key : find_sorted(schema, *next)->foreign_keys)
          if (key.referred_table != *next && pending.count(key.referred_table))
            cycle_keys[*next].insert(key.name);
      }
      order.push_back(*next);
      placed.insert(*next);
      pending.erase(next);
    }
    return order;
  }

  void drop_tables() {
    std::set<std::string> going;
    for (const auto& table : current_.tables)
      if (!find_sorted(target_, table.name)) going.insert(table.name);
    if (going.empty()) return;
    std::map<std::string, std::set<std::string>> cycle_keys;
    auto order = creation_order(current_, going, cycle_keys);
    for (const auto& name : order)
      for (const auto& key_name : cycle_keys[name])
        emit(DropForeignKey{name, *find_named(current_table(name).foreign_keys, key_name)});
    for (auto it = order.rbegin(); it != order.rend(); ++it) emit(DropTable{current_table(*it)});
  }

  void drop_columns() {
    for (const auto& name : common_tables()) {
      const Table& wanted = *find_sorted(target_, name);
      std::vector<Column> going;
      for (const auto& column : current_table(name).columns)
        if (!wanted.find_column(column.name)) going.push_back(column);
      for (const auto& column : going) {
        const auto& columns = current_table(name).columns;
        std::size_t index = 0;
        while (columns[index].name != column.name) ++index;
        std::optional<std::size_t> position;
        if (index + 1 != columns.size()) position = index;
        emit(DropColumn{name, column, position});
      }
    }
  }

  // Whether a new table can declare `key` inline: its target must exist by now with the
  // columns and the unique key the database checks for.
  bool can_create_inline(const std::string& table_name, const ForeignKey& key,
                         const std::set<std::string>& not_created_yet) const {
    if (key.referred_table == table_name) return true;
    if (not_created_yet.count(key.referred_table)) return false;
    const Table* referred = find_sorted(current_, key.referred_table);
    if (!referred || !has_columns(*referred, key.referred_columns)) return false;
    if (is_referable(*referred, key.referred_columns)) return true;
    // Not referable in the target either: the database will judge it, adding later gains nothing.
    const Table* wanted = find_sorted(target_, key.referred_table);
    return !wanted || !is_referable(*wanted, key.referred_columns);
  }

  void create_tables() {
    std::set<std::string> coming;
    for (const auto& table : target_.tables)
      if (!find_sorted(current_, table.name)) coming.insert(table.name);
    if (coming.empty()) return;
    std::map<std::string, std::set<std::string>> cycle_keys;
    auto order = creation_order(target_, coming, cycle_keys);
    std::set<std::string> not_created_yet = coming;
    for (const auto& name : order) {
      not_created_yet.erase(name);
      Table table = *find_sorted(target_, name);
      std::vector<ForeignKey> inline_keys;
      // The others are added with the foreign keys of phase 8.
      for (auto& key : table.foreign_keys)
        if (can_create_inline(name, key, not_created_yet)) inline_keys.push_back(std::move(key));
      table.foreign_keys = std::move(inline_keys);
      emit(CreateTable{std::move(table)});
    }
  }

  void add_and_alter_columns() {
    for (const auto& name : common_tables()) {
      const Table& wanted = *find_sorted(target_, name);
      for (std::size_t i = 0; i < wanted.columns.size(); ++i) {
        const Column& column = wanted.columns[i];
        const Table& now = current_table(name);
        if (const Column* existing = now.find_column(column.name)) {
          if (!(*existing == column)) emit(AlterColumn{name, *existing, column});
          continue;
        }
        // Right after the column declared before it, which is in place by now.
        std::size_t position = 0;
        if (i > 0) {
          const auto& previous = wanted.columns[i - 1].name;
          while (now.columns[position].name != previous) ++position;
          ++position;
        }
        std::optional<std::size_t> at;
        if (position != now.columns.size()) at = position;
        // A NOT NULL column with a model default takes it for the rows already there.
        emit(AddColumn{name, column, at, can_fill_from_model_default(column)});
      }
    }
  }

  void add_constraints() {
    for (const auto& wanted : target_.tables) {
      const std::string& name = wanted.name;
      auto missing = [&](const auto& items, const auto& item) { return !find_named(items, item.name); };
      if (wanted.primary_key && !current_table(name).primary_key)
        emit(AddPrimaryKey{name, *wanted.primary_key});
      for (const auto& unique : wanted.unique_constraints)
        if (missing(current_table(name).unique_constraints, unique)) emit(AddUniqueConstraint{name, unique});
      for (const auto& check : wanted.check_constraints)
        if (missing(current_table(name).check_constraints, check)) emit(AddCheckConstraint{name, check});
      for (const auto& index : wanted.indexes)
        if (missing(current_table(name).indexes, index)) emit(CreateIndex{name, index});
    }
    // Foreign keys last: they need the keys above and every new table.
    for (const auto& wanted : target_.tables)
      for (const auto& key : wanted.foreign_keys)
        if (!find_named(current_table(wanted.name).foreign_keys, key.name)) emit(AddForeignKey{wanted.name, key});
  }

  void drop_enums() {
    const auto enums_before = current_.enums;
    for (const auto& existing : enums_before)
      if (!target_.find_enum(existing.name)) emit(DropEnum{existing});
  }

  void alter_metadata() {
    for (const auto& wanted : target_.tables) {
      const Table& now = current_table(wanted.name);
      if (!(now == wanted)) emit(AlterTableMetadata{now, wanted});
    }
  }

  Schema current_;
  Schema target_;
  const Schema& hints_;  // `to` as given: the only place renamed_from is read
  std::vector<Operation> operations_;
};

}  // namespace

Schema without_rename_hints(Schema schema) {
  schema.sources.clear();  // where a snapshot came from, not a database object: no operation carries it
  for (auto& table : schema.tables) {
    table.renamed_from.reset();
    for (auto& column : table.columns) column.renamed_from.reset();
  }
  sort_canonically(schema);
  return schema;
}

std::vector<Operation> diff(const Schema& from, const Schema& to) { return Differ(from, to).run(); }

}  // namespace sqlmodel::schema
