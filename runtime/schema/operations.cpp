// Operations: inversion, in-memory replay and one-line descriptions.
//
// apply_to_schema is strict because replay is how a migration history is checked without a
// database: an operation that does not fit the schema replayed so far (a hand-edited file, a
// merge that lost a step) must stop the replay with the object's name, not be absorbed.
// Drops and alters check that the object they carry is the one in the schema, so the inverse
// operation restores exactly what was there.
#include "schema/operations.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "schema/sql_lexical.hpp"

namespace sqlmodel::schema {

std::optional<std::string> owner_of_name(const Schema& schema, const std::string& name) {
  for (const auto& table : schema.tables) {
    auto has = [&](const auto& items) {
      return std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.name == name; });
    };
    if ((table.primary_key && table.primary_key->name == name) || has(table.foreign_keys) ||
        has(table.unique_constraints) || has(table.check_constraints) || has(table.indexes))
      return table.name;
  }
  return std::nullopt;
}

namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }
std::string qualified(std::string_view table, std::string_view name) {
  return in_quotes(std::string(table) + "." + std::string(name));
}

[[noreturn]] void refuse(const std::string& operation, const std::string& problem) {
  throw std::invalid_argument(operation + ": " + problem);
}

// ---- what differs, for messages ----------------------------------------------------------

std::string column_difference(const Column& expected, const Column& actual) {
  std::vector<std::string> parts;
  if (expected.name != actual.name) parts.push_back("name " + expected.name + " vs " + actual.name);
  if (expected.type != actual.type)
    parts.push_back("type " + format_type(expected.type) + " vs " + format_type(actual.type));
  if (expected.nullable != actual.nullable)
    parts.push_back(std::string("nullable ") + (expected.nullable ? "true" : "false") + " vs " +
                    (actual.nullable ? "true" : "false"));
  auto optional_text = [](const std::optional<std::string>& value) {
    return value ? *value : std::string("(none)");
  };
  const auto expected_defaults = expected.named_server_defaults(), actual_defaults = actual.named_server_defaults();
  for (std::size_t i = 0; i < expected_defaults.size(); ++i) {
    const auto& [option, expected_sql] = expected_defaults[i];
    const auto& actual_sql = actual_defaults[i].sql;
    if (expected_sql != actual_sql)
      parts.push_back(std::string(option) + " " + optional_text(expected_sql) + " vs " + optional_text(actual_sql));
  }
  if (expected.default_value != actual.default_value)
    parts.push_back("default " + optional_text(expected.default_value) + " vs " +
                    optional_text(actual.default_value));
  if (expected.default_factory != actual.default_factory)
    parts.push_back("default_factory " + optional_text(expected.default_factory) + " vs " +
                    optional_text(actual.default_factory));
  if (expected.autoincrement != actual.autoincrement) parts.push_back("autoincrement");
  if (expected.generated != actual.generated)
    parts.push_back("generated " + optional_text(expected.generated) + " vs " + optional_text(actual.generated));
  if (expected.comment != actual.comment) parts.push_back("comment");
  if (expected.renamed_from != actual.renamed_from) parts.push_back("renamed_from");
  if (expected.source != actual.source)
    parts.push_back("source " + format_source(expected.source) + " vs " + format_source(actual.source));
  return join(parts);
}

std::string table_difference(const Table& expected, const Table& actual) {
  std::vector<std::string> parts;
  if (expected.columns.size() != actual.columns.size()) {
    parts.push_back("columns");
  } else {
    for (std::size_t i = 0; i < expected.columns.size(); ++i)
      if (expected.columns[i] != actual.columns[i])
        parts.push_back("column " + expected.columns[i].name + " (" +
                        column_difference(expected.columns[i], actual.columns[i]) + ")");
  }
  if (expected.primary_key != actual.primary_key) parts.push_back("primary key");
  if (expected.foreign_keys != actual.foreign_keys) parts.push_back("foreign keys");
  if (expected.unique_constraints != actual.unique_constraints) parts.push_back("unique constraints");
  if (expected.check_constraints != actual.check_constraints) parts.push_back("check constraints");
  if (expected.indexes != actual.indexes) parts.push_back("indexes");
  if (expected.relationships != actual.relationships) parts.push_back("relationships");
  if (expected.single_table_inheritance != actual.single_table_inheritance)
    parts.push_back("single-table inheritance");
  if (expected.comment != actual.comment) parts.push_back("comment");
  if (expected.sqlite_autoincrement != actual.sqlite_autoincrement) parts.push_back("sqlite_autoincrement");
  if (expected.renamed_from != actual.renamed_from) parts.push_back("renamed_from");
  if (expected.source != actual.source) parts.push_back("source");
  return join(parts);
}

// ---- lookups that refuse ------------------------------------------------------------------

Table& existing_table(Schema& schema, const std::string& name, const std::string& operation) {
  Table* table = schema.find_table(name);
  if (!table) refuse(operation, "there is no table " + in_quotes(name));
  return *table;
}

std::size_t column_index(const Table& table, const std::string& name, const std::string& operation) {
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i].name == name) return i;
  refuse(operation, "table " + in_quotes(table.name) + " has no column " + in_quotes(name));
}

bool uses_enum(const ColumnType& type, std::string_view enum_name) {
  bool is_enum = type.kind == TypeKind::enumeration ||
                 (type.kind == TypeKind::array && type.element_kind == TypeKind::enumeration);
  return is_enum && type.enum_name == enum_name;
}

void require_enum_of(const Schema& schema, const Column& column, const std::string& operation) {
  bool is_enum = column.type.kind == TypeKind::enumeration ||
                 (column.type.kind == TypeKind::array && column.type.element_kind == TypeKind::enumeration);
  if (is_enum && !schema.find_enum(column.type.enum_name))
    refuse(operation, "column " + in_quotes(column.name) + " uses enum " + in_quotes(column.type.enum_name) +
                          ", which does not exist");
}


void require_free_name(const Schema& schema, const std::string& name, const std::string& operation) {
  if (auto owner = owner_of_name(schema, name))
    refuse(operation, "the name " + in_quotes(name) + " is already used by a constraint or index of table " +
                          in_quotes(*owner));
}

void require_columns(const Table& table, const std::vector<std::string>& columns,
                     const std::string& operation) {
  for (const auto& name : columns)
    if (!table.find_column(name))
      refuse(operation, "table " + in_quotes(table.name) + " has no column " + in_quotes(name));
}

void require_free_constraint_names(const Schema& schema, const Table& table, const std::string& operation) {
  auto claim = [&](const std::string& name) { require_free_name(schema, name, operation); };
  if (table.primary_key) claim(table.primary_key->name);
  for (const auto& key : table.foreign_keys) claim(key.name);
  for (const auto& constraint : table.unique_constraints) claim(constraint.name);
  for (const auto& constraint : table.check_constraints) claim(constraint.name);
  for (const auto& index : table.indexes) claim(index.name);
}

// A foreign key must point at a table and columns that exist when it is created (the table
// itself for a self-reference), as the database requires.
void require_referred(const Schema& schema, const Table& owner, const ForeignKey& key,
                      const std::string& operation) {
  const Table* referred = key.referred_table == owner.name ? &owner : schema.find_table(key.referred_table);
  if (!referred)
    refuse(operation, "foreign key " + in_quotes(key.name) + " refers to table " + in_quotes(key.referred_table) +
                          ", which does not exist");
  for (const auto& column : key.referred_columns)
    if (!referred->find_column(column))
      refuse(operation, "foreign key " + in_quotes(key.name) + " refers to column " +
                            qualified(key.referred_table, column) + ", which does not exist");
}

template <typename Named>
auto find_named(std::vector<Named>& items, const std::string& name) {
  return std::find_if(items.begin(), items.end(), [&](const Named& item) { return item.name == name; });
}

template <typename Item>
void add_named(Schema& schema, std::vector<Item>& items, const Item& item, const std::string& operation) {
  require_free_name(schema, item.name, operation);
  items.push_back(item);
}

template <typename Item>
void drop_named(std::vector<Item>& items, const Item& item, const std::string& kind,
                const std::string& table, const std::string& operation) {
  auto found = find_named(items, item.name);
  if (found == items.end())
    refuse(operation, "table " + in_quotes(table) + " has no " + kind + " " + in_quotes(item.name));
  if (!(*found == item))
    refuse(operation, kind + " " + in_quotes(item.name) + " of table " + in_quotes(table) +
                          " differs from the one the operation drops; was the migration edited?");
  items.erase(found);
}

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  std::replace(names.begin(), names.end(), from, to);
}

// What stands on a column: a drop must come after these are gone, or its inverse could not
// restore them.
std::optional<std::string> dependent_of_column(const Schema& schema, const Table& table,
                                               const std::string& column) {
  if (table.primary_key && lists(table.primary_key->columns, column))
    return "primary key " + in_quotes(table.primary_key->name);
  for (const auto& key : table.foreign_keys)
    if (lists(key.columns, column)) return "foreign key " + in_quotes(key.name);
  for (const auto& constraint : table.unique_constraints)
    if (lists(constraint.columns, column)) return "unique constraint " + in_quotes(constraint.name);
  for (const auto& index : table.indexes)
    if (lists(index.columns, column)) return "index " + in_quotes(index.name);
  for (const auto& other : schema.tables)
    for (const auto& key : other.foreign_keys)
      if (key.referred_table == table.name && lists(key.referred_columns, column))
        return "foreign key " + in_quotes(key.name) + " of table " + in_quotes(other.name);
  return std::nullopt;
}

// The parts of a table a database holds, to tell metadata-only changes from real ones.
// Column order is left out: databases append columns and never reorder them.
struct DatabaseShape {
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<ForeignKey> foreign_keys;
  std::vector<UniqueConstraint> unique_constraints;
  std::vector<CheckConstraint> check_constraints;
  std::vector<Index> indexes;
  bool operator==(const DatabaseShape&) const = default;
};

DatabaseShape database_shape(const Table& table) {
  DatabaseShape shape{table.columns, table.primary_key, table.foreign_keys, table.unique_constraints,
                      table.check_constraints, table.indexes};
  for (auto& column : shape.columns) {
    column.default_value.reset();
    column.default_factory.reset();
    column.renamed_from.reset();
    column.source = {};
  }
  std::sort(shape.columns.begin(), shape.columns.end(),
            [](const Column& a, const Column& b) { return a.name < b.name; });
  auto forget_sources = [](auto& items) {
    for (auto& item : items) item.source = {};
  };
  forget_sources(shape.foreign_keys);
  forget_sources(shape.unique_constraints);
  forget_sources(shape.check_constraints);
  forget_sources(shape.indexes);
  return shape;
}

// ADD CONSTRAINT ... USING INDEX: the index must be a plain unique index on exactly the key's
// columns, in order; it becomes the constraint's.
void take_over_index(Table& table, const std::string& index_name, const std::vector<std::string>& columns,
                     const std::string& operation) {
  auto found = find_named(table.indexes, index_name);
  if (found == table.indexes.end())
    refuse(operation, "table " + in_quotes(table.name) + " has no index " + in_quotes(index_name) + " to use");
  if (!found->unique || found->where || found->columns != columns || (found->method && *found->method != "btree"))
    refuse(operation, "index " + in_quotes(index_name) + " is not a plain unique btree index on (" + join(columns) +
                          "), so the constraint cannot use it");
  table.indexes.erase(found);
}

// Every named part of a table: a constraint or an index, for lookups by name.
template <typename Visit>
bool with_named_part(Table& table, const std::string& name, Visit visit) {
  if (table.primary_key && table.primary_key->name == name) return visit(*table.primary_key, "primary key");
  auto in = [&](auto& items, const char* kind) {
    auto found = find_named(items, name);
    return found != items.end() && visit(*found, kind);
  };
  return in(table.foreign_keys, "foreign key") || in(table.unique_constraints, "unique constraint") ||
         in(table.check_constraints, "check constraint") || in(table.indexes, "index");
}

// ---- one function per operation ------------------------------------------------------------

void apply(Schema& schema, const CreateTable& op) {
  const std::string operation = "create table " + in_quotes(op.table.name);
  if (schema.find_table(op.table.name)) refuse(operation, "table " + in_quotes(op.table.name) + " already exists");
  if (op.table.columns.empty()) refuse(operation, "a table needs at least one column");
  for (const auto& column : op.table.columns) require_enum_of(schema, column, operation);
  require_free_constraint_names(schema, op.table, operation);
  for (const auto& key : op.table.foreign_keys) require_referred(schema, op.table, key, operation);
  schema.tables.push_back(op.table);
}

void apply(Schema& schema, const DropTable& op) {
  const std::string operation = "drop table " + in_quotes(op.table.name);
  Table& table = existing_table(schema, op.table.name, operation);
  if (!(table == op.table))
    refuse(operation, "the table differs from the one the operation drops (" +
                          table_difference(op.table, table) + "); was the migration edited?");
  for (const auto& other : schema.tables) {
    if (other.name == table.name) continue;
    for (const auto& key : other.foreign_keys)
      if (key.referred_table == table.name)
        refuse(operation, "foreign key " + in_quotes(key.name) + " of table " + in_quotes(other.name) +
                              " still refers to it; drop that first");
  }
  schema.tables.erase(schema.tables.begin() + (&table - schema.tables.data()));
}

void apply(Schema& schema, const RenameTable& op) {
  const std::string operation = "rename table " + in_quotes(op.from) + " to " + in_quotes(op.to);
  Table& table = existing_table(schema, op.from, operation);
  if (schema.find_table(op.to)) refuse(operation, "table " + in_quotes(op.to) + " already exists");
  table.name = op.to;
  // The database follows a rename in the foreign keys that refer to the table; the models'
  // relationships name it too.
  for (auto& other : schema.tables) {
    for (auto& key : other.foreign_keys)
      if (key.referred_table == op.from) key.referred_table = op.to;
    for (auto& relationship : other.relationships) {
      if (relationship.target_table == op.from) relationship.target_table = op.to;
      if (relationship.link_table == op.from) relationship.link_table = op.to;
    }
  }
}

void apply(Schema& schema, const AddColumn& op) {
  const std::string operation = "add column " + qualified(op.table, op.column.name);
  Table& table = existing_table(schema, op.table, operation);
  if (table.find_column(op.column.name))
    refuse(operation, "table " + in_quotes(op.table) + " already has a column " + in_quotes(op.column.name));
  require_enum_of(schema, op.column, operation);
  if (op.fill_existing_rows && !can_fill_from_model_default(op.column))
    refuse(operation, "fill_existing_rows needs a NOT NULL column without a server default whose model has a "
                      "default (a default member initializer or a default_factory)");
  std::size_t position = op.position.value_or(table.columns.size());
  if (position > table.columns.size())
    refuse(operation, "position " + std::to_string(position) + " is past the end of table " +
                          in_quotes(op.table) + " (" + std::to_string(table.columns.size()) + " columns)");
  table.columns.insert(table.columns.begin() + position, op.column);
}

void apply(Schema& schema, const DropColumn& op) {
  const std::string operation = "drop column " + qualified(op.table, op.column.name);
  Table& table = existing_table(schema, op.table, operation);
  std::size_t index = column_index(table, op.column.name, operation);
  if (!(table.columns[index] == op.column))
    refuse(operation, "the column differs from the one the operation drops (" +
                          column_difference(op.column, table.columns[index]) + "); was the migration edited?");
  std::size_t expected = op.position.value_or(table.columns.size() - 1);
  if (index != expected)
    refuse(operation, "the column is at position " + std::to_string(index) + ", the operation says " +
                          std::to_string(expected) + (op.position ? "" : " (the last)"));
  if (auto dependent = dependent_of_column(schema, table, op.column.name))
    refuse(operation, *dependent + " still uses the column; drop it first");
  table.columns.erase(table.columns.begin() + index);
}

void apply(Schema& schema, const RenameColumn& op) {
  const std::string operation =
      "rename column " + qualified(op.table, op.from) + " to " + in_quotes(op.to);
  Table& table = existing_table(schema, op.table, operation);
  std::size_t index = column_index(table, op.from, operation);
  if (table.find_column(op.to))
    refuse(operation, "table " + in_quotes(op.table) + " already has a column " + in_quotes(op.to));
  table.columns[index].name = op.to;
  // The database follows a column rename in the table's keys and indexes, in the foreign keys
  // that refer to the column, and in its stored CHECK and partial-index predicates: so does the
  // replayed schema, or a SQLite rebuild would recreate them with the old name.
  if (table.primary_key) rename_in(table.primary_key->columns, op.from, op.to);
  for (auto& check : table.check_constraints)
    check.expression = rename_column_in_expression(check.expression, op.from, op.to);
  for (auto& column : table.columns)
    if (column.generated) column.generated = rename_column_in_expression(*column.generated, op.from, op.to);
  for (auto& index_item : table.indexes)
    if (index_item.where) index_item.where = rename_column_in_expression(*index_item.where, op.from, op.to);
  for (auto& key : table.foreign_keys) rename_in(key.columns, op.from, op.to);
  for (auto& constraint : table.unique_constraints) rename_in(constraint.columns, op.from, op.to);
  for (auto& index_item : table.indexes) rename_in(index_item.columns, op.from, op.to);
  for (auto& other : schema.tables)
    for (auto& key : other.foreign_keys)
      if (key.referred_table == op.table) rename_in(key.referred_columns, op.from, op.to);
}

void apply(Schema& schema, const AlterColumn& op) {
  const std::string operation = "alter column " + qualified(op.table, op.from.name);
  if (op.from.name != op.to.name)
    refuse(operation, "an alter keeps the name (" + in_quotes(op.from.name) + " vs " + in_quotes(op.to.name) +
                          "); renames are rename_column operations");
  Table& table = existing_table(schema, op.table, operation);
  std::size_t index = column_index(table, op.from.name, operation);
  if (!(table.columns[index] == op.from))
    refuse(operation, "the column differs from what the operation alters (" +
                          column_difference(op.from, table.columns[index]) + "); was the migration edited?");
  require_enum_of(schema, op.to, operation);
  table.columns[index] = op.to;
}

void apply(Schema& schema, const CreateIndex& op) {
  const std::string operation = "create index " + in_quotes(op.index.name) + " on " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  require_columns(table, op.index.columns, operation);
  add_named(schema, table.indexes, op.index, operation);
}

void apply(Schema& schema, const DropIndex& op) {
  const std::string operation = "drop index " + in_quotes(op.index.name) + " on " + in_quotes(op.table);
  drop_named(existing_table(schema, op.table, operation).indexes, op.index, "index", op.table, operation);
}

void apply(Schema& schema, const RenameIndex& op) {
  const std::string operation =
      "rename index " + in_quotes(op.from) + " on " + in_quotes(op.table) + " to " + in_quotes(op.to);
  Table& table = existing_table(schema, op.table, operation);
  auto found = find_named(table.indexes, op.from);
  if (found == table.indexes.end())
    refuse(operation, "table " + in_quotes(op.table) + " has no index " + in_quotes(op.from));
  require_free_name(schema, op.to, operation);
  found->name = op.to;
}

void apply(Schema& schema, const RenameConstraint& op) {
  const std::string operation =
      "rename constraint " + in_quotes(op.from) + " on " + in_quotes(op.table) + " to " + in_quotes(op.to);
  Table& table = existing_table(schema, op.table, operation);
  std::string* name = nullptr;
  if (table.primary_key && table.primary_key->name == op.from) name = &table.primary_key->name;
  auto named_in = [&](auto& items) {
    if (auto found = find_named(items, op.from); !name && found != items.end()) name = &found->name;
  };
  named_in(table.unique_constraints);
  named_in(table.check_constraints);
  named_in(table.foreign_keys);
  if (!name)
    refuse(operation, "table " + in_quotes(op.table) + " has no primary key, unique, check or foreign key constraint " +
                          in_quotes(op.from) + (find_named(table.indexes, op.from) != table.indexes.end()
                                                    ? " (it is an index: rename_index renames it)"
                                                    : ""));
  require_free_name(schema, op.to, operation);
  *name = op.to;
}

void apply(Schema& schema, const AddPrimaryKey& op) {
  const std::string operation = "add primary key " + in_quotes(op.key.name) + " on " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  if (table.primary_key)
    refuse(operation, "table " + in_quotes(op.table) + " already has primary key " + in_quotes(table.primary_key->name));
  require_columns(table, op.key.columns, operation);
  if (op.using_index) take_over_index(table, *op.using_index, op.key.columns, operation);
  require_free_name(schema, op.key.name, operation);
  table.primary_key = op.key;
}

void apply(Schema& schema, const DropPrimaryKey& op) {
  const std::string operation = "drop primary key " + in_quotes(op.key.name) + " on " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  if (!table.primary_key) refuse(operation, "table " + in_quotes(op.table) + " has no primary key");
  if (!(*table.primary_key == op.key))
    refuse(operation, "the table's primary key " + in_quotes(table.primary_key->name) + " (" +
                          join(table.primary_key->columns) + ") differs from the one the operation drops");
  table.primary_key.reset();
}

void apply(Schema& schema, const AddUniqueConstraint& op) {
  const std::string operation = "add unique constraint " + in_quotes(op.constraint.name) + " on " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  require_columns(table, op.constraint.columns, operation);
  if (op.using_index) take_over_index(table, *op.using_index, op.constraint.columns, operation);
  add_named(schema, table.unique_constraints, op.constraint, operation);
}

void apply(Schema& schema, const DropUniqueConstraint& op) {
  const std::string operation = "drop unique constraint " + in_quotes(op.constraint.name) + " on " + in_quotes(op.table);
  drop_named(existing_table(schema, op.table, operation).unique_constraints, op.constraint,
             "unique constraint", op.table, operation);
}

void apply(Schema& schema, const AddCheckConstraint& op) {
  const std::string operation = "add check constraint " + in_quotes(op.constraint.name) + " on " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  add_named(schema, table.check_constraints, op.constraint, operation);
}

void apply(Schema& schema, const DropCheckConstraint& op) {
  const std::string operation = "drop check constraint " + in_quotes(op.constraint.name) + " on " + in_quotes(op.table);
  drop_named(existing_table(schema, op.table, operation).check_constraints, op.constraint,
             "check constraint", op.table, operation);
}

void apply(Schema& schema, const AddForeignKey& op) {
  const std::string operation = "add foreign key " + in_quotes(op.key.name) + " on " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  require_columns(table, op.key.columns, operation);
  require_referred(schema, table, op.key, operation);
  add_named(schema, table.foreign_keys, op.key, operation);
}

void apply(Schema& schema, const DropForeignKey& op) {
  const std::string operation = "drop foreign key " + in_quotes(op.key.name) + " on " + in_quotes(op.table);
  drop_named(existing_table(schema, op.table, operation).foreign_keys, op.key, "foreign key", op.table,
             operation);
}

void apply(Schema& schema, const CreateEnum& op) {
  const std::string operation = "create enum " + in_quotes(op.enum_type.name);
  if (schema.find_enum(op.enum_type.name)) refuse(operation, "enum " + in_quotes(op.enum_type.name) + " already exists");
  schema.enums.push_back(op.enum_type);
}

void apply(Schema& schema, const DropEnum& op) {
  const std::string operation = "drop enum " + in_quotes(op.enum_type.name);
  auto found = find_named(schema.enums, op.enum_type.name);
  if (found == schema.enums.end()) refuse(operation, "there is no enum " + in_quotes(op.enum_type.name));
  if (!(*found == op.enum_type))
    refuse(operation, "the enum differs from the one the operation drops (values " + join(found->values) +
                          " vs " + join(op.enum_type.values) + ")");
  for (const auto& table : schema.tables)
    for (const auto& column : table.columns)
      if (uses_enum(column.type, op.enum_type.name))
        refuse(operation, "column " + qualified(table.name, column.name) + " still uses it");
  schema.enums.erase(found);
}

EnumType& existing_enum(Schema& schema, const std::string& name, const std::string& operation) {
  auto found = find_named(schema.enums, name);
  if (found == schema.enums.end()) refuse(operation, "there is no enum " + in_quotes(name));
  return *found;
}

void apply(Schema& schema, const AddEnumValue& op) {
  const std::string operation = "add value " + in_quotes(op.value) + " to enum " + in_quotes(op.enum_name);
  EnumType& enum_type = existing_enum(schema, op.enum_name, operation);
  if (lists(enum_type.values, op.value)) refuse(operation, "the enum already has that value");
  if (op.position > enum_type.values.size())
    refuse(operation, "position " + std::to_string(op.position) + " is past the end (" +
                          std::to_string(enum_type.values.size()) + " values)");
  enum_type.values.insert(enum_type.values.begin() + op.position, op.value);
}

void apply(Schema& schema, const RemoveEnumValue& op) {
  const std::string operation = "remove value " + in_quotes(op.value) + " from enum " + in_quotes(op.enum_name);
  EnumType& enum_type = existing_enum(schema, op.enum_name, operation);
  auto found = std::find(enum_type.values.begin(), enum_type.values.end(), op.value);
  if (found == enum_type.values.end()) refuse(operation, "the enum has no such value");
  auto index = static_cast<std::size_t>(found - enum_type.values.begin());
  if (index != op.position)
    refuse(operation, "the value is at position " + std::to_string(index) + ", the operation says " +
                          std::to_string(op.position));
  enum_type.values.erase(found);
}

void apply(Schema& schema, const AlterTableMetadata& op) {
  const std::string operation = "alter metadata of table " + in_quotes(op.from.name);
  if (op.from.name != op.to.name)
    refuse(operation, "metadata changes keep the table's name; renames are rename_table operations");
  Table& table = existing_table(schema, op.from.name, operation);
  if (!(table == op.from))
    refuse(operation, "the table differs from what the operation expects (" + table_difference(op.from, table) +
                          "); was the migration edited?");
  if (!(database_shape(op.from) == database_shape(op.to)))
    refuse(operation, "the change reaches the database (" +
                          table_difference(op.from, op.to) +
                          "); it needs column, constraint or index operations");
  table = op.to;
}

void apply(Schema&, const SqlStep&) {
  // Hand-written SQL: the models cannot see what it does. Schema changes belong in the
  // operations around it.
}

void apply(Schema& schema, const ValidateConstraint& op) {
  const std::string operation = "validate constraint " + in_quotes(op.name) + " on " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  auto has = [&](const auto& items) {
    return std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.name == op.name; });
  };
  if (!has(table.foreign_keys) && !has(table.check_constraints))
    refuse(operation, "table " + in_quotes(op.table) + " has no foreign key or check constraint " + in_quotes(op.name));
}

void check_sync_columns(Schema& schema, const std::string& table_name, const std::string& old_column,
                        const std::string& new_column, const std::string& operation) {
  Table& table = existing_table(schema, table_name, operation);
  column_index(table, old_column, operation);
  column_index(table, new_column, operation);
  if (old_column == new_column) refuse(operation, "a column cannot be kept in step with itself");
  if (!table.primary_key)
    refuse(operation, "table " + in_quotes(table_name) + " has no primary key (SQLite's trigger finds rows by it)");
}

void apply(Schema& schema, const CreateSyncTrigger& op) {
  check_sync_columns(schema, op.table, op.old_column, op.new_column, describe(op));
}

void apply(Schema& schema, const DropSyncTrigger& op) {
  check_sync_columns(schema, op.table, op.old_column, op.new_column, describe(op));
}

void apply(Schema& schema, const Backfill& op) {
  const std::string operation = "backfill " + in_quotes(op.table);
  Table& table = existing_table(schema, op.table, operation);
  if (!table.primary_key)
    refuse(operation, "table " + in_quotes(op.table) + " has no primary key to run the batches in the order of");
  if (op.set.empty() && op.dialect_set.empty()) refuse(operation, "it sets no column");
  auto check_assignments = [&](const std::map<std::string, std::string>& assignments) {
    for (const auto& [column, expression] : assignments) {
      column_index(table, column, operation);
      if (expression.empty()) refuse(operation, "the expression for column " + in_quotes(column) + " is empty");
    }
  };
  check_assignments(op.set);
  for (const auto& [dialect, assignments] : op.dialect_set) check_assignments(assignments);
  if (op.batch_size == 0 || op.batch_size > Backfill::max_batch_size)
    refuse(operation, "batch_size must be between 1 and " + std::to_string(Backfill::max_batch_size));
  if (op.pause_ms < 0 || op.pause_ms > Backfill::max_pause_ms)
    refuse(operation, "the pause between batches must be between 0 and " +
                          std::to_string(Backfill::max_pause_ms / 1000) + " s");
}

// ---- descriptions -----------------------------------------------------------------------

std::string describe_column_change(const Column& from, const Column& to) {
  std::vector<std::string> parts;
  if (from.type != to.type) parts.push_back("type " + format_type(from.type) + " -> " + format_type(to.type));
  if (from.nullable != to.nullable) parts.push_back(to.nullable ? "nullable" : "not null");
  auto optional_text = [](const std::optional<std::string>& value) { return value ? *value : std::string("none"); };
  const auto from_defaults = from.named_server_defaults(), to_defaults = to.named_server_defaults();
  for (std::size_t i = 0; i < from_defaults.size(); ++i) {
    const auto& [option, from_sql] = from_defaults[i];
    const auto& to_sql = to_defaults[i].sql;
    std::string label(option);
    std::replace(label.begin(), label.end(), '_', ' ');
    if (from_sql != to_sql) parts.push_back(label + " " + optional_text(from_sql) + " -> " + optional_text(to_sql));
  }
  if (from.default_value != to.default_value)
    parts.push_back("default " + optional_text(from.default_value) + " -> " + optional_text(to.default_value));
  if (from.default_factory != to.default_factory)
    parts.push_back("default_factory " + optional_text(from.default_factory) + " -> " +
                    optional_text(to.default_factory));
  if (from.autoincrement != to.autoincrement) parts.push_back(to.autoincrement ? "autoincrement" : "no autoincrement");
  if (from.generated != to.generated)
    parts.push_back("generated " + optional_text(from.generated) + " -> " + optional_text(to.generated));
  if (from.comment != to.comment) parts.push_back("comment");
  if (from.renamed_from != to.renamed_from) parts.push_back("renamed_from");
  if (from.source != to.source) parts.push_back("source location");
  return join(parts);
}

std::string describe_metadata_change(const Table& from, const Table& to) {
  std::vector<std::string> parts;
  std::vector<std::string> from_order, to_order;
  for (const auto& column : from.columns) from_order.push_back(column.name);
  for (const auto& column : to.columns) to_order.push_back(column.name);
  if (from_order != to_order) parts.push_back("column order");
  for (const auto& column : to.columns)
    if (const Column* before = from.find_column(column.name); before && !(*before == column))
      parts.push_back("column " + column.name + " (" + describe_column_change(*before, column) + ")");
  if (from.relationships != to.relationships) parts.push_back("relationships");
  if (from.single_table_inheritance != to.single_table_inheritance)
    parts.push_back("single-table inheritance");
  if (from.comment != to.comment) parts.push_back("comment");
  if (from.sqlite_autoincrement != to.sqlite_autoincrement)
    parts.push_back(to.sqlite_autoincrement ? "SQLite AUTOINCREMENT" : "no SQLite AUTOINCREMENT");
  if (from.renamed_from != to.renamed_from) parts.push_back("renamed_from");
  if (from.source != to.source) parts.push_back("source location");
  auto sources_differ = [](const auto& a, const auto& b) { return a != b; };
  if (sources_differ(from.foreign_keys, to.foreign_keys) || sources_differ(from.unique_constraints, to.unique_constraints) ||
      sources_differ(from.check_constraints, to.check_constraints) || sources_differ(from.indexes, to.indexes))
    parts.push_back("constraint source locations");
  return join(parts);
}

// The table whose lists an operation may have put out of order (none for a drop).
std::optional<std::string> touched_table(const Operation& operation) {
  return std::visit(
      Overloaded{
          [](const CreateTable& op) -> std::optional<std::string> { return op.table.name; },
          [](const DropTable&) -> std::optional<std::string> { return std::nullopt; },
          [](const RenameTable& op) -> std::optional<std::string> { return op.to; },
          [](const AlterTableMetadata& op) -> std::optional<std::string> { return op.to.name; },
          [](const CreateEnum&) -> std::optional<std::string> { return std::nullopt; },
          [](const DropEnum&) -> std::optional<std::string> { return std::nullopt; },
          [](const AddEnumValue&) -> std::optional<std::string> { return std::nullopt; },
          [](const RemoveEnumValue&) -> std::optional<std::string> { return std::nullopt; },
          [](const SqlStep&) -> std::optional<std::string> { return std::nullopt; },
          [](const auto& op) -> std::optional<std::string> { return op.table; },
      },
      operation);
}

template <typename Named>
bool sorted_by_name(const std::vector<Named>& items) {
  return std::is_sorted(items.begin(), items.end(), [](const Named& a, const Named& b) { return a.name < b.name; });
}

[[noreturn]] void refuse_inverse(const Operation& operation) {
  throw std::invalid_argument(describe(operation) + " has no inverse operation" +
                              (std::holds_alternative<AddPrimaryKey>(operation) ||
                                       std::holds_alternative<AddUniqueConstraint>(operation)
                                   ? " (dropping the key drops the index it took over)"
                                   : " (it changes no schema: there is nothing to undo)"));
}

}  // namespace

Operation invert(const Operation& operation) {
  return std::visit(
      Overloaded{
          [](const CreateTable& op) -> Operation { return DropTable{op.table}; },
          [](const DropTable& op) -> Operation { return CreateTable{op.table}; },
          [](const RenameTable& op) -> Operation { return RenameTable{op.to, op.from}; },
          [](const AddColumn& op) -> Operation { return DropColumn{op.table, op.column, op.position}; },
          [](const DropColumn& op) -> Operation {
            return AddColumn{op.table, op.column, op.position, can_fill_from_model_default(op.column)};
          },
          [](const RenameColumn& op) -> Operation { return RenameColumn{op.table, op.to, op.from}; },
          [](const AlterColumn& op) -> Operation { return AlterColumn{op.table, op.to, op.from}; },
          [](const CreateIndex& op) -> Operation { return DropIndex{op.table, op.index, op.concurrently}; },
          [](const DropIndex& op) -> Operation { return CreateIndex{op.table, op.index, op.concurrently}; },
          [](const AddPrimaryKey& op) -> Operation {
            if (op.using_index) refuse_inverse(op);
            return DropPrimaryKey{op.table, op.key};
          },
          [](const DropPrimaryKey& op) -> Operation { return AddPrimaryKey{op.table, op.key}; },
          [](const AddUniqueConstraint& op) -> Operation {
            if (op.using_index) refuse_inverse(op);
            return DropUniqueConstraint{op.table, op.constraint};
          },
          [](const DropUniqueConstraint& op) -> Operation { return AddUniqueConstraint{op.table, op.constraint}; },
          [](const AddCheckConstraint& op) -> Operation { return DropCheckConstraint{op.table, op.constraint}; },
          [](const DropCheckConstraint& op) -> Operation { return AddCheckConstraint{op.table, op.constraint}; },
          [](const AddForeignKey& op) -> Operation { return DropForeignKey{op.table, op.key}; },
          [](const DropForeignKey& op) -> Operation { return AddForeignKey{op.table, op.key}; },
          [](const CreateEnum& op) -> Operation { return DropEnum{op.enum_type}; },
          [](const DropEnum& op) -> Operation { return CreateEnum{op.enum_type}; },
          [](const AddEnumValue& op) -> Operation {
            return RemoveEnumValue{op.enum_name, op.value, op.position};
          },
          [](const RemoveEnumValue& op) -> Operation {
            return AddEnumValue{op.enum_name, op.value, op.position};
          },
          [](const AlterTableMetadata& op) -> Operation { return AlterTableMetadata{op.to, op.from}; },
          [](const RenameIndex& op) -> Operation { return RenameIndex{op.table, op.to, op.from}; },
          [](const RenameConstraint& op) -> Operation { return RenameConstraint{op.table, op.to, op.from}; },
          [](const SqlStep& op) -> Operation {
            throw std::invalid_argument("sql step" + (op.description.empty() ? "" : " \"" + op.description + "\"") +
                                        " has no automatic inverse; the migration states its downgrade SQL");
          },
          [](const ValidateConstraint& op) -> Operation { refuse_inverse(op); },
          [](const CreateSyncTrigger& op) -> Operation {
            return DropSyncTrigger{op.table, op.old_column, op.new_column};
          },
          [](const DropSyncTrigger& op) -> Operation {
            return CreateSyncTrigger{op.table, op.old_column, op.new_column};
          },
          [](const Backfill& op) -> Operation { refuse_inverse(op); },
      },
      operation);
}

std::vector<Operation> invert(const std::vector<Operation>& operations) {
  std::vector<Operation> inverted;
  inverted.reserve(operations.size());
  for (auto it = operations.rbegin(); it != operations.rend(); ++it) {
    if (std::holds_alternative<ValidateConstraint>(*it) || std::holds_alternative<Backfill>(*it)) continue;
    inverted.push_back(invert(*it));
  }
  return inverted;
}

bool changes_schema(const Operation& operation) {
  return !std::holds_alternative<ValidateConstraint>(operation) && !std::holds_alternative<Backfill>(operation) &&
         !std::holds_alternative<SqlStep>(operation) && !std::holds_alternative<CreateSyncTrigger>(operation) &&
         !std::holds_alternative<DropSyncTrigger>(operation);
}

bool can_fill_from_model_default(const Column& column) {
  return !column.nullable && !column.has_server_default_on_every_dialect() && !column.autoincrement &&
         !column.generated && (column.default_value || column.default_factory);
}

bool leaves_existing_rows_without_value(const AddColumn& add) {
  const Column& column = add.column;
  return !column.nullable && !column.has_server_default_on_every_dialect() && !column.autoincrement &&
         !column.generated && !add.fill_existing_rows;
}

void apply_to_schema(Schema& schema, const Operation& operation) {
  std::visit([&](const auto& op) { apply(schema, op); }, operation);
  // Only what the operation touched is re-sorted: replaying a long history or diffing a
  // thousand tables applies hundreds of operations to one schema.
  if (!sorted_by_name(schema.tables) || !sorted_by_name(schema.enums)) {
    sort_canonically(schema);
    return;
  }
  if (auto name = touched_table(operation)) {
    if (Table* table = schema.find_table(*name)) {
      Schema one;  // sort_canonically's per-table ordering, on this table alone
      one.tables.push_back(std::move(*table));
      sort_canonically(one);
      *table = std::move(one.tables.front());
    }
  }
}

std::string describe(const Operation& operation) {
  return std::visit(
      Overloaded{
          [](const CreateTable& op) { return "create table " + op.table.name; },
          [](const DropTable& op) { return "drop table " + op.table.name; },
          [](const RenameTable& op) { return "rename table " + op.from + " to " + op.to; },
          [](const AddColumn& op) {
            return "add column " + op.table + "." + op.column.name + " " + format_type(op.column.type) +
                   (op.column.nullable ? "" : " not null") +
                   (op.column.server_default ? " default " + *op.column.server_default : "");
          },
          [](const DropColumn& op) { return "drop column " + op.table + "." + op.column.name; },
          [](const RenameColumn& op) { return "rename column " + op.table + "." + op.from + " to " + op.to; },
          [](const AlterColumn& op) {
            return "alter column " + op.table + "." + op.to.name + ": " + describe_column_change(op.from, op.to);
          },
          [](const CreateIndex& op) {
            return std::string(op.index.unique ? "create unique index " : "create index ") +
                   (op.concurrently ? "concurrently " : "") + op.index.name + " on " + op.table + " (" +
                   join(op.index.columns) + ")";
          },
          [](const DropIndex& op) {
            return std::string("drop index ") + (op.concurrently ? "concurrently " : "") + op.index.name + " on " +
                   op.table;
          },
          [](const RenameIndex& op) { return "rename index " + op.from + " on " + op.table + " to " + op.to; },
          [](const RenameConstraint& op) {
            return "rename constraint " + op.from + " on " + op.table + " to " + op.to;
          },
          [](const AddPrimaryKey& op) {
            return "add primary key " + op.key.name + " on " + op.table + " (" + join(op.key.columns) + ")" +
                   (op.using_index ? " using index " + *op.using_index : "");
          },
          [](const DropPrimaryKey& op) { return "drop primary key " + op.key.name + " on " + op.table; },
          [](const AddUniqueConstraint& op) {
            return "add unique constraint " + op.constraint.name + " on " + op.table + " (" +
                   join(op.constraint.columns) + ")" + (op.using_index ? " using index " + *op.using_index : "");
          },
          [](const DropUniqueConstraint& op) {
            return "drop unique constraint " + op.constraint.name + " on " + op.table;
          },
          [](const AddCheckConstraint& op) {
            return "add check constraint " + op.constraint.name + " on " + op.table + " (" +
                   op.constraint.expression + ")" + (op.not_valid ? " not valid" : "");
          },
          [](const DropCheckConstraint& op) {
            return "drop check constraint " + op.constraint.name + " on " + op.table;
          },
          [](const AddForeignKey& op) {
            return "add foreign key " + op.key.name + " on " + op.table + " (" + join(op.key.columns) +
                   ") -> " + op.key.referred_table + " (" + join(op.key.referred_columns) + ")" +
                   (op.not_valid ? " not valid" : "");
          },
          [](const DropForeignKey& op) { return "drop foreign key " + op.key.name + " on " + op.table; },
          [](const CreateEnum& op) {
            return "create enum " + op.enum_type.name + " (" + join(op.enum_type.values) + ")";
          },
          [](const DropEnum& op) { return "drop enum " + op.enum_type.name; },
          [](const AddEnumValue& op) {
            return "add value '" + op.value + "' to enum " + op.enum_name + " at position " +
                   std::to_string(op.position);
          },
          [](const RemoveEnumValue& op) {
            return "remove value '" + op.value + "' from enum " + op.enum_name;
          },
          [](const AlterTableMetadata& op) {
            return "alter model metadata of table " + op.to.name + ": " + describe_metadata_change(op.from, op.to);
          },
          [](const SqlStep& op) {
            return "sql" + (op.description.empty() ? std::string() : ": " + op.description);
          },
          [](const ValidateConstraint& op) { return "validate constraint " + op.name + " on " + op.table; },
          [](const CreateSyncTrigger& op) {
            return "create trigger keeping " + op.table + "." + op.old_column + " and " + op.table + "." +
                   op.new_column + " in step";
          },
          [](const DropSyncTrigger& op) {
            return "drop trigger keeping " + op.table + "." + op.old_column + " and " + op.table + "." +
                   op.new_column + " in step";
          },
          [](const Backfill& op) {
            std::vector<std::string> columns;
            for (const auto& [column, expression] : op.set) columns.push_back(column);
            for (const auto& [dialect, assignments] : op.dialect_set)
              for (const auto& [column, expression] : assignments)
                if (!lists(columns, column)) columns.push_back(column);
            return "backfill " + op.table + " (" + join(columns) + ") in batches of " +
                   std::to_string(op.batch_size) + (op.description.empty() ? "" : ": " + op.description);
          },
      },
      operation);
}

}  // namespace sqlmodel::schema
