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

#include <cstdint>
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
//
// `fill_existing_rows` (AddColumn of a NOT NULL column without a server default on some
// dialect): on a dialect without one, the rows already in the table get the column's model
// default (its C++ default member initializer or default factory, see render_model_default in
// ddl.hpp), and no DEFAULT stays in the DDL; a dialect with one fills them with its DEFAULT.
// Set by diff (and invert) whenever the column has a model default and lacks a server default
// on some dialect.
struct AddColumn {
  std::string table;
  Column column;
  std::optional<std::size_t> position;
  bool fill_existing_rows = false;
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

// `concurrently`: PostgreSQL builds or drops the index without blocking writes (CREATE/DROP
// INDEX CONCURRENTLY), in a step that runs outside the migration's transaction. SQLite, which
// has no such thing, ignores it. The schema model is the same either way.
struct CreateIndex {
  std::string table;
  Index index;
  bool concurrently = false;
  bool operator==(const CreateIndex&) const = default;
};
struct DropIndex {
  std::string table;
  Index index;
  bool concurrently = false;
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

// `using_index`: the key takes over a unique index of the table built before (PostgreSQL's
// ADD CONSTRAINT ... USING INDEX, after a CREATE UNIQUE INDEX CONCURRENTLY): the index becomes
// the constraint's, under the constraint's name. SQLite rebuilds the table as for any new key.
struct AddPrimaryKey {
  std::string table;
  PrimaryKey key;
  std::optional<std::string> using_index = std::nullopt;
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
  std::optional<std::string> using_index = std::nullopt;  // as AddPrimaryKey's
  bool operator==(const AddUniqueConstraint&) const = default;
};
struct DropUniqueConstraint {
  std::string table;
  UniqueConstraint constraint;
  bool operator==(const DropUniqueConstraint&) const = default;
};
// `not_valid`: PostgreSQL adds the constraint without checking the rows already there
// (NOT VALID: a short lock, no scan); a ValidateConstraint later checks them without blocking
// writes. New and updated rows are checked from the start. SQLite ignores it.
struct AddCheckConstraint {
  std::string table;
  CheckConstraint constraint;
  bool not_valid = false;
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
  bool not_valid = false;  // as AddCheckConstraint's
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

// Checks the rows an AddForeignKey or AddCheckConstraint with `not_valid` left unchecked
// (PostgreSQL's VALIDATE CONSTRAINT, in a transaction of its own: it scans the table without
// blocking writes). Changes nothing in the schema model; renders nothing on SQLite.
struct ValidateConstraint {
  std::string table;
  std::string name;
  bool operator==(const ValidateConstraint&) const = default;
};

// A trigger that keeps two columns of a table in step while an expand/contract change is under
// way: a row written through either column gets the other one too (converted to its type), so
// the application version that knows only `old_column` and the one that knows only
// `new_column` can run side by side. It is not part of the schema model (like a SqlStep); the
// contract revision drops it before the old column.
struct CreateSyncTrigger {
  std::string table;
  std::string old_column;
  std::string new_column;
  bool operator==(const CreateSyncTrigger&) const = default;
};
struct DropSyncTrigger {
  std::string table;
  std::string old_column;
  std::string new_column;
  bool operator==(const DropSyncTrigger&) const = default;
};

// A batched data migration: UPDATE `table` SET column = expression, ... [WHERE where], run in
// batches of `batch_size` rows in primary-key order, each batch in its own transaction, with a
// pause between batches. The apply engine records the last key of each batch with the batch, so
// a run that is killed resumes after it. Expressions are SQL in the table's context (they may
// name its columns); `dialect_set` overrides `set` per dialect. Changes no schema.
struct Backfill {
  std::string table;
  std::map<std::string, std::string> set;  // column -> SQL expression
  std::map<Dialect, std::map<std::string, std::string>> dialect_set;
  std::optional<std::string> where;
  std::size_t batch_size = default_batch_size;
  std::int64_t pause_ms = default_pause_ms;
  std::string description;

  static constexpr std::size_t default_batch_size = 1000;
  static constexpr std::size_t max_batch_size = 1000000;
  static constexpr std::int64_t default_pause_ms = 10;
  static constexpr std::int64_t max_pause_ms = 60000;
  bool operator==(const Backfill&) const = default;
};

using Operation =
    std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn, RenameColumn,
                 AlterColumn, CreateIndex, DropIndex, AddPrimaryKey, DropPrimaryKey,
                 AddUniqueConstraint, DropUniqueConstraint, AddCheckConstraint,
                 DropCheckConstraint, AddForeignKey, DropForeignKey, CreateEnum, DropEnum,
                 AddEnumValue, RemoveEnumValue, AlterTableMetadata, SqlStep, RenameIndex,
                 RenameConstraint, ValidateConstraint, CreateSyncTrigger, DropSyncTrigger, Backfill>;

// The operation that undoes `operation`. SqlStep has no automatic inverse: throws
// std::invalid_argument (a migration file states its downgrade SQL itself). Neither have
// ValidateConstraint and Backfill, which change no schema (there is nothing to undo), nor an
// AddPrimaryKey / AddUniqueConstraint that takes over an index (dropping the key drops the
// index too): those throw as well, and the list form below leaves the first two out.
Operation invert(const Operation& operation);
// The inverse of a whole list: each inverted, in reverse order; ValidateConstraint and
// Backfill are left out.
std::vector<Operation> invert(const std::vector<Operation>& operations);

// Whether the operation changes the schema model (ValidateConstraint, Backfill, SqlStep and the
// sync triggers do not).
bool changes_schema(const Operation& operation);

// The table whose constraint or index is named `name`, or nullopt. Constraint and index names
// share one namespace in the whole schema (PostgreSQL keeps indexes and key constraints in one
// namespace; the snapshot reader enforces the same).
std::optional<std::string> owner_of_name(const Schema& schema, const std::string& name);

// Replays `operation` onto `schema` in memory. Throws std::invalid_argument naming the table,
// column or constraint when the operation does not fit the schema (dropping what is not
// there, adding what already is).
void apply_to_schema(Schema& schema, const Operation& operation);

// Whether AddColumn of `column` to a table with rows can fill them from the model default:
// NOT NULL, no server default on some dialect (a dialect with one fills the rows with it), not assigned (autoincrement) or computed (generated) by the
// database, and a default member initializer or a default factory to take the value from.
bool can_fill_from_model_default(const Column& column);

// Whether AddColumn gives the rows a table already has no value for a NOT NULL column: no server
// default on some dialect, no value the database assigns or computes, no fill from the model default. On a
// table with rows the step fails (`revision` refuses to write it; lint reports it in a
// hand-written file).
bool leaves_existing_rows_without_value(const AddColumn& add);

// "add column users.email", "create index ix_users_email on users": one line for people.
std::string describe(const Operation& operation);

}  // namespace sqlmodel::schema
