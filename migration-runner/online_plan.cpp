#include "online_plan.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <type_traits>

#include "schema/ddl.hpp"
#include "schema/diff.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::migrate {
namespace {

using namespace schema;

std::string qualified(std::string_view table, std::string_view column) {
  return std::string(table) + "." + std::string(column);
}
std::string sql_name(std::string_view identifier) { return quote_identifier(Dialect::postgresql, identifier); }

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Schema replayed(Schema schema, const std::vector<Operation>& operations) {
  for (const auto& operation : operations) apply_to_schema(schema, operation);
  return schema;
}

// ---- part 1: the online form of each operation ------------------------------------------

// Whether PostgreSQL can change the type in place: a longer VARCHAR, or none at all. Anything
// else rewrites the table, or scans it, under ACCESS EXCLUSIVE.
bool rewrites_table(const Column& from, const Column& to) {
  if (from.type == to.type) return false;
  if (from.type.kind == TypeKind::string && to.type.kind == TypeKind::string)
    return to.type.max_length && (!from.type.max_length || *to.type.max_length < *from.type.max_length);
  return true;
}

class OnlineForm {
 public:
  OnlineForm(const Schema& before, const OnlinePlanSettings& settings, std::vector<std::string>* notes)
      : current_(before), settings_(settings), notes_(notes) {}

  std::vector<Operation> run(const std::vector<Operation>& operations) {
    for (const auto& operation : operations) transform(operation);
    return std::move(result_);
  }

 private:
  void emit(Operation operation) {
    apply_to_schema(current_, operation);
    result_.push_back(std::move(operation));
  }

  void note(const std::string& text) {
    if (notes_) notes_->push_back(text);
  }

  // A table that existed before this revision: it may have rows, and a live application.
  bool existing(const std::string& table) const { return current_.find_table(table) && !created_.count(table); }

  Backfill backfill(const std::string& table, std::map<std::string, std::string> set, std::string where,
                    std::string description) const {
    Backfill step;
    step.table = table;
    step.set = std::move(set);
    step.where = std::move(where);
    step.batch_size = settings_.backfill_batch_size;
    step.pause_ms = settings_.backfill_pause_ms;
    step.description = std::move(description);
    return step;
  }

  void transform(const Operation& operation) {
    if (const auto* create = std::get_if<CreateTable>(&operation)) {
      created_.insert(create->table.name);
      return emit(operation);
    }
    if (const auto* rename = std::get_if<RenameTable>(&operation)) {
      if (created_.erase(rename->from)) created_.insert(rename->to);
      return emit(operation);
    }
    if (const auto* index = std::get_if<CreateIndex>(&operation); index && existing(index->table))
      return emit(CreateIndex{index->table, index->index, true});
    if (const auto* index = std::get_if<DropIndex>(&operation); index && existing(index->table))
      return emit(DropIndex{index->table, index->index, true});
    if (const auto* key = std::get_if<AddForeignKey>(&operation); key && existing(key->table)) {
      emit(AddForeignKey{key->table, key->key, true});
      return emit(ValidateConstraint{key->table, key->key.name});
    }
    if (const auto* check = std::get_if<AddCheckConstraint>(&operation); check && existing(check->table)) {
      emit(AddCheckConstraint{check->table, check->constraint, true});
      return emit(ValidateConstraint{check->table, check->constraint.name});
    }
    if (const auto* unique = std::get_if<AddUniqueConstraint>(&operation); unique && existing(unique->table)) {
      emit(CreateIndex{unique->table, unique_index(unique->constraint.name, unique->constraint.columns,
                                                   unique->constraint.source), true});
      return emit(AddUniqueConstraint{unique->table, unique->constraint, unique->constraint.name});
    }
    if (const auto* key = std::get_if<AddPrimaryKey>(&operation); key && existing(key->table)) {
      emit(CreateIndex{key->table, unique_index(key->key.name, key->key.columns, {}), true});
      return emit(AddPrimaryKey{key->table, key->key, key->key.name});
    }
    if (const auto* alter = std::get_if<AlterColumn>(&operation); alter && existing(alter->table))
      return alter_column(*alter);
    if (const auto* add = std::get_if<AddColumn>(&operation); add && existing(add->table) && add->fill_existing_rows &&
                                                              !portable_model_default(add->column))
      note("add column " + qualified(add->table, add->column.name) +
           ": its rows are filled from a default only the database generates (default_factory " +
           add->column.default_factory.value_or("?") + "), which rewrites the table on PostgreSQL");
    emit(operation);
  }

  static Index unique_index(const std::string& name, const std::vector<std::string>& columns, SourceLocation source) {
    Index index;
    index.name = name;
    index.columns = columns;
    index.unique = true;
    index.source = std::move(source);
    return index;
  }

  // SET NOT NULL: its scan runs under ACCESS EXCLUSIVE unless a validated CHECK already proves
  // the column has no NULL (PostgreSQL 12+).
  void alter_column(const AlterColumn& alter) {
    if (rewrites_table(alter.from, alter.to))
      note("alter column " + qualified(alter.table, alter.to.name) + " (" + format_type(alter.from.type) + " -> " +
           format_type(alter.to.type) + ") rewrites the table under an ACCESS EXCLUSIVE lock on PostgreSQL");
    if (!(alter.from.nullable && !alter.to.nullable)) return emit(alter);
    const Table& table = *current_.find_table(alter.table);
    const std::string check_name = naming::check(alter.table, alter.to.name + "_not_null");
    Column nullable = alter.to;
    nullable.nullable = true;
    if (!table.primary_key || name_taken(check_name)) {
      note("alter column " + qualified(alter.table, alter.to.name) +
           " to NOT NULL: no online form (the table has no primary key to backfill by, or the name " + check_name +
           " is taken); SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock");
      return emit(alter);
    }
    if (!(nullable == alter.from)) emit(AlterColumn{alter.table, alter.from, nullable});
    const std::string column = sql_name(alter.to.name);
    std::optional<std::string> fill = alter.to.server_default_on(Dialect::postgresql);
    if (!fill) fill = portable_model_default(alter.to);
    if (fill)
      emit(backfill(alter.table, {{alter.to.name, *fill}}, column + " IS NULL",
                    "give the NULLs of " + qualified(alter.table, alter.to.name) + " their default"));
    CheckConstraint check;
    check.name = check_name;
    check.expression = column + " IS NOT NULL";
    emit(AddCheckConstraint{alter.table, check, true});
    emit(ValidateConstraint{alter.table, check.name});
    emit(AlterColumn{alter.table, nullable, alter.to});
    emit(DropCheckConstraint{alter.table, check});
  }

  bool name_taken(const std::string& name) const { return owner_of_name(current_, name).has_value(); }

  Schema current_;
  const OnlinePlanSettings& settings_;
  std::vector<std::string>* notes_;
  std::set<std::string> created_;
  std::vector<Operation> result_;
};

// ---- part 2: expand and contract ----------------------------------------------------------

// A column that the running application uses and the change replaces: a renamed column, or one
// whose type change rewrites the table.
struct ColumnSwap {
  std::string table;       // its name in the models
  std::string old_column;  // as `before` has it
  std::string new_column;  // in the intermediate schema: the new name, or the replacement column
  bool retype = false;     // the replacement takes old_column's name in the contract revision
  // retype: the indexes and constraints built on the replacement under a temporary name
  struct RenamedPart {
    std::string temporary;
    std::string final_name;
    bool index = false;  // renamed by rename_index, else by rename_constraint
  };
  std::vector<RenamedPart> renamed_parts;
};

// The operation that renames `part` to its final name (or, `back`, to its temporary one).
Operation rename_part(const std::string& table, const ColumnSwap::RenamedPart& part, bool back) {
  const std::string& from = back ? part.final_name : part.temporary;
  const std::string& to = back ? part.temporary : part.final_name;
  if (part.index) return RenameIndex{table, from, to};
  return RenameConstraint{table, from, to};
}

struct Intermediate {
  Schema schema;  // between expand and contract; keeps the models' table rename hints
  std::vector<ColumnSwap> swaps;
  bool splits = false;
};

// Kept as the column is for the old application, except that a NOT NULL column the new one does
// not write must accept the new one's rows.
Column relaxed(Column column) {
  column.nullable = true;
  column.server_default.reset();
  column.postgresql_server_default.reset();
  column.sqlite_server_default.reset();
  column.autoincrement = false;
  column.renamed_from.reset();
  return column;
}

template <typename Part>
const Part* find_named(const std::vector<Part>& items, const std::string& name) {
  for (const auto& item : items)
    if (item.name == name) return &item;
  return nullptr;
}

bool uses_column(const Index& index, const std::string& column) {
  return lists(index.columns, column) || (index.where && expression_mentions_column(*index.where, column));
}
bool uses_column(const UniqueConstraint& unique, const std::string& column) { return lists(unique.columns, column); }
bool uses_column(const CheckConstraint& check, const std::string& column) { return expression_mentions_column(check.expression, column); }
bool uses_column(const ForeignKey& key, const std::string& column) { return lists(key.columns, column); }

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  std::replace(names.begin(), names.end(), from, to);
}
Index moved(Index index, const std::string& from, const std::string& to) {
  rename_in(index.columns, from, to);
  if (index.where) index.where = rename_column_in_expression(*index.where, from, to);
  return index;
}
UniqueConstraint moved(UniqueConstraint unique, const std::string& from, const std::string& to) {
  rename_in(unique.columns, from, to);
  return unique;
}
CheckConstraint moved(CheckConstraint check, const std::string& from, const std::string& to) {
  check.expression = rename_column_in_expression(check.expression, from, to);
  return check;
}
ForeignKey moved(ForeignKey key, const std::string& from, const std::string& to) {
  rename_in(key.columns, from, to);
  return key;
}

class Splitter {
 public:
  Splitter(const Schema& before, const Schema& target, std::vector<std::string>& notes)
      : before_(before), target_(target), notes_(notes) {}

  Intermediate run() {
    Intermediate result;
    std::set<std::string> matched_tables;
    for (const auto& wanted : target_.tables) {
      const Table* old = before_table(wanted);
      if (old) matched_tables.insert(old->name);
      result.schema.tables.push_back(old ? table_between(*old, wanted, result) : wanted);
    }
    // Tables the models dropped stay for the old application; their foreign keys follow renames.
    std::map<std::string, std::string> renamed;
    for (const auto& wanted : target_.tables)
      if (const Table* old = before_table(wanted); old && old->name != wanted.name) renamed[old->name] = wanted.name;
    for (const auto& old : before_.tables) {
      if (matched_tables.count(old.name)) continue;
      Table kept = old;
      for (auto& key : kept.foreign_keys)
        if (auto found = renamed.find(key.referred_table); found != renamed.end()) key.referred_table = found->second;
      result.schema.tables.push_back(std::move(kept));
      result.splits = true;
    }
    result.schema.enums = target_.enums;
    for (const auto& old : before_.enums)
      if (!target_.find_enum(old.name)) result.schema.enums.push_back(old);
    sort_canonically(result.schema);
    return result;
  }

 private:
  // The table of `before` the model table comes from (following a rename hint as diff does).
  const Table* before_table(const Table& wanted) const {
    if (wanted.renamed_from && !before_.find_table(wanted.name) && before_.find_table(*wanted.renamed_from))
      return before_.find_table(*wanted.renamed_from);
    return before_.find_table(wanted.name);
  }

  // Why the old application's column cannot be swapped for `wanted` behind its back; empty
  // when it can.
  std::string why_not_swappable(const Table& old, const Column& column, const Column& wanted) const {
    if (wanted.generated) return "the new column is generated: it cannot be backfilled";
    if (!old.primary_key) return "the table has no primary key to backfill by";
    if (lists(old.primary_key->columns, column.name)) return "it is part of the primary key";
    if (column.autoincrement) return "the database assigns its values";
    if (column.generated) return "it is a generated column: the database computes its values";
    for (const auto& other : old.columns)
      if (other.generated && expression_mentions_column(*other.generated, column.name))
        return "generated column " + other.name + " is computed from it";
    for (const auto& other : before_.tables)
      for (const auto& key : other.foreign_keys)
        if (key.referred_table == old.name && lists(key.referred_columns, column.name))
          return "foreign key " + key.name + " of table " + other.name + " refers to it";
    return {};
  }

  Table table_between(const Table& old, const Table& wanted, Intermediate& result) {
    Table between = wanted;
    between.columns.clear();
    std::set<std::string> matched;
    std::vector<std::string> swapped_old, retyped, dropped;
    for (const auto& column : wanted.columns) {
      const bool renamed = column.renamed_from && old.find_column(*column.renamed_from) && !old.find_column(column.name);
      if (renamed) {
        const Column& previous = *old.find_column(*column.renamed_from);
        matched.insert(previous.name);
        if (auto reason = why_not_swappable(old, previous, column); !reason.empty()) {
          notes_.push_back("rename column " + qualified(wanted.name, previous.name) + " to " + column.name +
                           " is not split into expand and contract (" + reason +
                           "): the running application sees the rename at once");
          between.columns.push_back(column);
          continue;
        }
        between.columns.push_back(previous);
        Column added = relaxed(column);
        between.columns.push_back(added);
        result.swaps.push_back({wanted.name, previous.name, column.name, false, {}});
        swapped_old.push_back(previous.name);
        result.splits = true;
        continue;
      }
      if (const Column* previous = old.find_column(column.name)) {
        matched.insert(previous->name);
        if (previous->type != column.type && rewrites_table(*previous, column)) {
          if (auto reason = why_not_swappable(old, *previous, column); !reason.empty()) {
            notes_.push_back("alter column " + qualified(wanted.name, column.name) + " (" + format_type(previous->type) +
                             " -> " + format_type(column.type) + ") is not split into expand and contract (" + reason +
                             "): it rewrites the table under an ACCESS EXCLUSIVE lock on PostgreSQL");
            between.columns.push_back(column);
            continue;
          }
          between.columns.push_back(*previous);
          Column replacement = relaxed(column);
          replacement.name = naming::replacement_column(column.name);
          between.columns.push_back(replacement);
          result.swaps.push_back({wanted.name, previous->name, replacement.name, true, {}});
          swapped_old.push_back(previous->name);
          retyped.push_back(previous->name);
          result.splits = true;
          continue;
        }
        between.columns.push_back(column);
        continue;
      }
      // A new column. NOT NULL without a server default: the old application inserts without
      // it, so until contract it has the model default as its server default.
      Column added = column;
      if (can_fill_from_model_default(column)) {
        if (auto portable = portable_model_default(column)) {
          added.server_default = *portable;
          result.splits = true;
        } else {
          notes_.push_back("add column " + qualified(wanted.name, column.name) +
                           " NOT NULL is not split into expand and contract: its default (default_factory " +
                           column.default_factory.value_or("?") +
                           ") has no SQL both dialects share to serve as a temporary server default");
        }
      }
      between.columns.push_back(added);
    }
    for (const auto& column : old.columns) {
      if (matched.count(column.name)) continue;
      between.columns.push_back(column.nullable || column.has_server_default_on_every_dialect() ? column
                                                                                                : relaxed(column));
      dropped.push_back(column.name);
      result.splits = true;
    }

    // Indexes and constraints: the models', except those on a retyped column, which are built
    // on the replacement under a temporary name; and the old ones on the columns the old
    // application still uses, where their names are free.
    std::vector<std::string> old_columns = swapped_old;
    old_columns.insert(old_columns.end(), dropped.begin(), dropped.end());
    auto place = [&](auto Table::*member) {
      auto& items = between.*member;
      std::decay_t<decltype(items)> placed;
      for (const auto& item : items) {
        auto retyped_column = std::find_if(retyped.begin(), retyped.end(),
                                           [&](const std::string& column) { return uses_column(item, column); });
        if (retyped_column == retyped.end()) {
          placed.push_back(item);
          continue;
        }
        ColumnSwap& swap = swap_of(result, wanted.name, *retyped_column);
        auto copy = moved(item, swap.old_column, swap.new_column);
        copy.name = naming::replacement_column(item.name);
        swap.renamed_parts.push_back(
            {copy.name, item.name, std::is_same_v<std::decay_t<decltype(item)>, Index>});
        placed.push_back(std::move(copy));
      }
      for (const auto& item : old.*member) {
        bool on_old = std::any_of(old_columns.begin(), old_columns.end(),
                                  [&](const std::string& column) { return uses_column(item, column); });
        if (on_old && !find_named(placed, item.name)) placed.push_back(item);
      }
      items = std::move(placed);
    };
    place(&Table::indexes);
    place(&Table::unique_constraints);
    place(&Table::check_constraints);
    place(&Table::foreign_keys);
    return between;
  }

  static ColumnSwap& swap_of(Intermediate& result, const std::string& table, const std::string& old_column) {
    for (auto& swap : result.swaps)
      if (swap.table == table && swap.old_column == old_column) return swap;
    throw std::logic_error("online plan: no swap for " + qualified(table, old_column));
  }

  const Schema& before_;
  const Schema& target_;
  std::vector<std::string>& notes_;
};

// After each AddColumn of a swap's column (the one the backfill fills): the trigger that keeps
// both columns in step, then the backfill of the rows already there.
std::vector<Operation> with_sync_steps(const std::vector<Operation>& operations, const std::vector<ColumnSwap>& swaps,
                                       bool towards_new, const Schema& schema_at_start,
                                       const OnlinePlanSettings& settings) {
  std::vector<Operation> result;
  Schema current = schema_at_start;
  for (const auto& operation : operations) {
    apply_to_schema(current, operation);
    result.push_back(operation);
    const auto* add = std::get_if<AddColumn>(&operation);
    if (!add) continue;
    for (const auto& swap : swaps) {
      const std::string filled = towards_new ? swap.new_column : swap.old_column;
      const std::string source = towards_new ? swap.old_column : swap.new_column;
      if (swap.table != add->table || add->column.name != filled) continue;
      result.push_back(CreateSyncTrigger{swap.table, swap.old_column, swap.new_column});
      const Table& table = *current.find_table(swap.table);
      const Column& from = *table.find_column(source);
      const Column& to = *table.find_column(filled);
      Backfill backfill;
      backfill.table = swap.table;
      backfill.description = "copy " + qualified(swap.table, source) + " into " + filled;
      if (from.type == to.type) {
        backfill.set[filled] = sql_name(source);
      } else {
        // PostgreSQL converts explicitly (through text to or from an enum); SQLite's column
        // affinity converts on its own.
        const bool via_text = to.type.kind == TypeKind::enumeration || from.type.kind == TypeKind::enumeration;
        Schema lowered = lower_for_dialect(current, Dialect::postgresql);
        const Column& lowered_to = *lowered.find_table(swap.table)->find_column(filled);
        backfill.dialect_set[Dialect::postgresql][filled] =
            "CAST(" + (via_text ? "CAST(" + sql_name(source) + " AS TEXT)" : sql_name(source)) + " AS " +
            render_column_type(lowered_to.type, Dialect::postgresql) + ")";
        backfill.dialect_set[Dialect::sqlite][filled] = sql_name(source);
      }
      backfill.where = sql_name(filled) + " IS NULL AND " + sql_name(source) + " IS NOT NULL";
      backfill.batch_size = settings.backfill_batch_size;
      backfill.pause_ms = settings.backfill_pause_ms;
      result.push_back(std::move(backfill));
    }
  }
  return result;
}

// The parts of `table` that stand on `column`, as drop operations in the order their kinds are
// dropped by diff (foreign keys first).
std::vector<Operation> drops_of_parts_on(const Table& table, const std::string& column) {
  std::vector<Operation> drops;
  for (const auto& key : table.foreign_keys)
    if (uses_column(key, column)) drops.push_back(DropForeignKey{table.name, key});
  for (const auto& index : table.indexes)
    if (uses_column(index, column)) drops.push_back(DropIndex{table.name, index});
  for (const auto& unique : table.unique_constraints)
    if (uses_column(unique, column)) drops.push_back(DropUniqueConstraint{table.name, unique});
  for (const auto& check : table.check_constraints)
    if (uses_column(check, column)) drops.push_back(DropCheckConstraint{table.name, check});
  return drops;
}

std::size_t column_position(const Table& table, const std::string& column) {
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i].name == column) return i;
  throw std::logic_error("online plan: no column " + qualified(table.name, column));
}

// `schema` with the old columns of the swaps (or only the renames') relaxed.
Schema relax_old_columns(Schema schema, const std::vector<ColumnSwap>& swaps, bool renames_only) {
  for (const auto& swap : swaps) {
    if (renames_only && swap.retype) continue;
    if (Table* table = schema.find_table(swap.table))
      if (Column* column = table->find_column(swap.old_column)) *column = relaxed(*column);
  }
  return schema;
}

void require_same(const Schema& actual, const Schema& expected, const std::string& what) {
  if (!(without_rename_hints(actual) == without_rename_hints(expected)))
    throw std::logic_error(what + " does not reach the schema it should");
}

std::vector<PlannedRevision> split(const Schema& before, const Schema& target, const Intermediate& between,
                                   const OnlinePlanSettings& settings, std::vector<std::string>& notes) {
  const Schema& middle = between.schema;
  const Schema plain_middle = without_rename_hints(middle);
  const Schema plain_target = without_rename_hints(target);

  // Expand: to the intermediate schema; its downgrade back.
  const auto expand_plain = diff(before, middle);
  PlannedRevision expand;
  expand.phase = MigrationPhase::expand;
  expand.upgrade = online_form(with_sync_steps(expand_plain, between.swaps, true, before, settings), before, settings, &notes);
  std::vector<Operation> expand_down;
  for (const auto& swap : between.swaps) expand_down.push_back(DropSyncTrigger{swap.table, swap.old_column, swap.new_column});
  for (auto& operation : invert(expand_plain)) expand_down.push_back(std::move(operation));
  expand.downgrade = online_form(expand_down, plain_middle, settings, &notes);

  // Contract: the triggers go, and each replacement takes its column's place with its indexes
  // and constraints, all in one transaction (the new application writes the old column until
  // then); the rest is what is left to reach the models.
  std::vector<Operation> swap_steps;
  Schema current = plain_middle;
  auto step = [&](Operation operation) {
    apply_to_schema(current, operation);
    swap_steps.push_back(std::move(operation));
  };
  for (const auto& swap : between.swaps) step(DropSyncTrigger{swap.table, swap.old_column, swap.new_column});
  for (const auto& swap : between.swaps) {
    if (!swap.retype) continue;
    for (auto& drop : drops_of_parts_on(*current.find_table(swap.table), swap.old_column)) step(std::move(drop));
    const Table& table = *current.find_table(swap.table);
    const std::size_t position = column_position(table, swap.old_column);
    std::optional<std::size_t> at;
    if (position + 1 != table.columns.size()) at = position;
    step(DropColumn{swap.table, *table.find_column(swap.old_column), at});
    step(RenameColumn{swap.table, swap.new_column, swap.old_column});
    for (const auto& part : swap.renamed_parts) step(rename_part(swap.table, part, false));
  }
  const Schema swapped = current;
  const auto contract_plain = diff(swapped, target);
  PlannedRevision contract;
  contract.phase = MigrationPhase::contract;
  contract.upgrade = swap_steps;
  for (auto& operation : online_form(contract_plain, swapped, settings, &notes))
    contract.upgrade.push_back(std::move(operation));

  // The contract's downgrade: the old columns come back nullable, are kept in step and
  // backfilled, get their indexes and constraints, then their NOT NULL.
  const Schema swapped_relaxed = relax_old_columns(swapped, between.swaps, true);
  std::vector<Operation> down = online_form(
      with_sync_steps(diff(plain_target, swapped_relaxed), between.swaps, false, plain_target, settings), plain_target,
      settings, &notes);
  current = replayed(plain_target, down);
  std::vector<Operation> unswap;
  for (const auto& swap : between.swaps) {
    if (!swap.retype) continue;
    unswap.push_back(RenameColumn{swap.table, swap.old_column, swap.new_column});
    for (const auto& part : swap.renamed_parts) unswap.push_back(rename_part(swap.table, part, true));
  }
  const Schema unswapped = replayed(current, unswap);
  const Schema middle_relaxed = relax_old_columns(plain_middle, between.swaps, false);
  // The old column comes back in the same transaction as the rename: the running application
  // writes it by that name.
  for (auto& operation : unswap) down.push_back(std::move(operation));
  for (auto& operation : online_form(with_sync_steps(diff(unswapped, middle_relaxed), between.swaps, false, unswapped, settings),
                                     unswapped, settings, &notes))
    down.push_back(std::move(operation));
  for (auto& operation : online_form(diff(middle_relaxed, plain_middle), middle_relaxed, settings, &notes))
    down.push_back(std::move(operation));
  contract.downgrade = std::move(down);

  require_same(replayed(before, expand.upgrade), middle, "the expand revision");
  require_same(replayed(plain_middle, contract.upgrade), target, "the contract revision");
  require_same(replayed(plain_target, contract.downgrade), middle, "the contract revision's downgrade");
  require_same(replayed(plain_middle, expand.downgrade), before, "the expand revision's downgrade");

  std::vector<PlannedRevision> revisions;
  if (!expand.upgrade.empty()) revisions.push_back(std::move(expand));
  revisions.push_back(std::move(contract));
  return revisions;
}

}  // namespace

std::vector<Operation> online_form(const std::vector<Operation>& operations, const Schema& before,
                                   const OnlinePlanSettings& settings, std::vector<std::string>* notes) {
  return OnlineForm(before, settings, notes).run(operations);
}

OnlinePlan plan_online(const Schema& before, const Schema& target, const OnlinePlanSettings& settings) {
  OnlinePlan plan;
  const auto plain = diff(before, target);
  if (plain.empty()) return plan;
  try {
    std::vector<std::string> notes;
    Intermediate between = Splitter(before, target, notes).run();
    if (between.splits) {
      plan.revisions = split(before, target, between, settings, notes);
      plan.notes = std::move(notes);
      return plan;
    }
    plan.notes = std::move(notes);
  } catch (const std::exception& error) {
    plan.notes.push_back(std::string("the change could not be split into expand and contract revisions (") +
                         error.what() + "); it is written as one revision in online form");
  }
  const Schema plain_target = without_rename_hints(target);
  try {
    std::vector<std::string> notes;
    PlannedRevision single;
    single.upgrade = online_form(plain, before, settings, &notes);
    single.downgrade = online_form(invert(plain), plain_target, settings, nullptr);
    require_same(replayed(before, single.upgrade), target, "the online form");
    require_same(replayed(plain_target, single.downgrade), before, "the online form's downgrade");
    plan.revisions.push_back(std::move(single));
    plan.notes.insert(plan.notes.end(), notes.begin(), notes.end());
  } catch (const std::exception& error) {
    plan.notes.push_back(std::string("no online form could be planned (") + error.what() +
                         "); the plain operations are written");
    plan.revisions.push_back({plain, invert(plain), std::nullopt});
  }
  return plan;
}

}  // namespace sqlmodel::migrate
