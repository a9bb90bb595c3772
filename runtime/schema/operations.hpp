// Migration operations: the dialect-neutral steps a migration file lists, in the spirit of
// Alembic's op.* directives. The pipeline is schema -> diff -> operations -> dialect SQL ->
// apply, and each stage is usable alone:
//   diff(from, to)               -> operations (diff.hpp)
//   apply_to_schema(schema, op)  -> replays a migration in memory (no database)
//   invert(op)                   -> the exact inverse (downgrade)
//   render_operation(...)        -> dialect SQL (render_operations.hpp)
// Operations carry whole objects (the dropped column, the old type), never just names, so each
// one can be inverted and rendered without looking anything up.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

struct CreateTable {
  Table table;
  bool operator==(const CreateTable&) const = default;
};
struct DropTable {
  Table table;
  bool operator==(const DropTable&) const = default;
};
struct RenameTable {
  std::string from;
  std::string to;
  bool operator==(const RenameTable&) const = default;
};

// `position` is the column's index in the table's column list: where AddColumn inserts it
// (unset: appended, as every database does) and where DropColumn's column stood (unset: it was
// last), so that the inverse restores the model's declaration order. Databases append added
// columns whatever the position says; only the replayed model keeps the order.
struct AddColumn {
  std::string table;
  Column column;
  std::optional<std::size_t> position;
  bool operator==(const AddColumn&) const = default;
};
struct DropColumn {
  std::string table;
  Column column;
  std::optional<std::size_t> position;
  bool operator==(const DropColumn&) const = default;
};
struct RenameColumn {
  std::string table;
  std::string from;
  std::string to;
  bool operator==(const RenameColumn&) const = default;
};
// A change of type, nullability, server default, literal default, autoincrement or comment.
// `from` and `to` share the name.
struct AlterColumn {
  std::string table;
  Column from;
  Column to;
  bool operator==(const AlterColumn&) const = default;
};

struct CreateIndex {
  std::string table;
  Index index;
  bool operator==(const CreateIndex&) const = default;
};
struct DropIndex {
  std::string table;
  Index index;
  bool operator==(const DropIndex&) const = default;
};

// Renames an index and nothing else: PostgreSQL's ALTER INDEX ... RENAME TO keeps the index
// (no rebuild); SQLite cannot rename one, so it drops the index and creates it again under the
// new name. `table` is the index's table.
struct RenameIndex {
  std::string table;
  std::string from;
  std::string to;
  bool operator==(const RenameIndex&) const = default;
};
// Renames the primary key, a unique, check or foreign key constraint of `table`: PostgreSQL's
// ALTER TABLE ... RENAME CONSTRAINT keeps the constraint (and renames a key's index with it,
// no rebuild); SQLite keeps constraint names only in the table's CREATE TABLE, so there it is a
// table rebuild.
struct RenameConstraint {
  std::string table;
  std::string from;
  std::string to;
  bool operator==(const RenameConstraint&) const = default;
};

struct AddPrimaryKey {
  std::string table;
  PrimaryKey key;
  bool operator==(const AddPrimaryKey&) const = default;
};
struct DropPrimaryKey {
  std::string table;
  PrimaryKey key;
  bool operator==(const DropPrimaryKey&) const = default;
};
struct AddUniqueConstraint {
  std::string table;
  UniqueConstraint constraint;
  bool operator==(const AddUniqueConstraint&) const = default;
};
struct DropUniqueConstraint {
  std::string table;
  UniqueConstraint constraint;
  bool operator==(const DropUniqueConstraint&) const = default;
};
struct AddCheckConstraint {
  std::string table;
  CheckConstraint constraint;
  bool operator==(const AddCheckConstraint&) const = default;
};
struct DropCheckConstraint {
  std::string table;
  CheckConstraint constraint;
  bool operator==(const DropCheckConstraint&) const = default;
};
struct AddForeignKey {
  std::string table;
  ForeignKey key;
  bool operator==(const AddForeignKey&) const = default;
};
struct DropForeignKey {
  std::string table;
  ForeignKey key;
  bool operator==(const DropForeignKey&) const = default;
};

struct CreateEnum {
  EnumType enum_type;
  bool operator==(const CreateEnum&) const = default;
};
struct DropEnum {
  EnumType enum_type;
  bool operator==(const DropEnum&) const = default;
};
// Inserts `value` at `position` of the enum's values (PostgreSQL: ADD VALUE BEFORE/AFTER).
struct AddEnumValue {
  std::string enum_name;
  std::string value;
  std::size_t position = 0;
  bool operator==(const AddEnumValue&) const = default;
};
struct RemoveEnumValue {
  std::string enum_name;
  std::string value;
  std::size_t position = 0;
  bool operator==(const RemoveEnumValue&) const = default;
};

// Changes that live only in the models and never reach the database (relationships, source
// locations, literal defaults, table comments on SQLite...): kept so that replaying migrations
// reproduces the snapshot exactly. Renders to no SQL.
struct AlterTableMetadata {
  Table from;
  Table to;
  bool operator==(const AlterTableMetadata&) const = default;
};

// A data migration or any hand-written statement. `dialect_sql` overrides `sql` per dialect;
// an empty `sql` with no entry for the dialect renders nothing for it.
struct SqlStep {
  std::string sql;
  std::map<Dialect, std::string> dialect_sql;
  std::string description;

  bool operator==(const SqlStep&) const = default;
};

using Operation =
    std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn, RenameColumn,
                 AlterColumn, CreateIndex, DropIndex, AddPrimaryKey, DropPrimaryKey,
                 AddUniqueConstraint, DropUniqueConstraint, AddCheckConstraint,
                 DropCheckConstraint, AddForeignKey, DropForeignKey, CreateEnum, DropEnum,
                 AddEnumValue, RemoveEnumValue, AlterTableMetadata, SqlStep, RenameIndex,
                 RenameConstraint>;

// The operation that undoes `operation`. SqlStep has no automatic inverse: throws
// std::invalid_argument (a migration file states its downgrade SQL itself).
Operation invert(const Operation& operation);
// The inverse of a whole list: each inverted, in reverse order.
std::vector<Operation> invert(const std::vector<Operation>& operations);

// Replays `operation` onto `schema` in memory. Throws std::invalid_argument naming the table,
// column or constraint when the operation does not fit the schema (dropping what is not
// there, adding what already is).
void apply_to_schema(Schema& schema, const Operation& operation);

// "add column users.email", "create index ix_users_email on users": one line for people.
std::string describe(const Operation& operation);

}  // namespace sqlmodel::schema
