// SQLite: ALTER TABLE where SQLite 3.40 can do the change itself, the documented table rebuild
// (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes")
// for everything else.
//
// The renderer works on the lowered schemas. It first takes the ALTER that SQLite supports for
// the operation, if any (renames always; ADD/DROP COLUMN only when SQLite allows them and they
// reach the lowered target by themselves), and replays it onto the lowered `before`. Every
// table that still differs from the lowered `after` is then rebuilt. So an enum value change
// rebuilds each table whose CHECK lists the values, a type change rebuilds its table, and a
// change that lives only in the models (a comment, a literal default) renders nothing.
//
// The rebuild recreates the table's indexes, and views over the table survive it. Triggers are
// not part of the schema model: RenderedStep::rebuilt_tables tells the code that runs the step
// which tables' triggers to save and recreate.
#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "schema/ddl.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/render_ddl_fragments.hpp"
#include "schema/render_operations_internal.hpp"

namespace sqlmodel::schema::render_detail {
namespace {

constexpr Dialect lite = Dialect::sqlite;
constexpr std::string_view rebuild_prefix = naming::rebuild_table_prefix;

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string lowercase(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

// Whether an SQL expression may refer to the column. Errs on the side of yes: a false yes only
// costs a rebuild, a false no makes SQLite refuse the DROP COLUMN.
bool mentions(const std::string& expression, std::string_view column) {
  return lowercase(expression).find(lowercase(column)) != std::string::npos;
}

// https://www.sqlite.org/lang_altertable.html#altertabaddcol
bool sqlite_can_add(const Table& table, const Column& column) {
  if (table.primary_key && contains(table.primary_key->columns, column.name)) return false;
  if (column.generated) return false;  // "cannot add a STORED column"
  if (!column.server_default) return column.nullable;
  // NOT NULL DEFAULT NULL is refused too.
  return is_constant_default(*column.server_default) &&
         (column.nullable || lowercase(*column.server_default).find("null") == std::string::npos);
}

// https://www.sqlite.org/lang_altertable.html#altertabdropcol
bool sqlite_can_drop(const Schema& schema, const Table& table, const Column& column) {
  const std::string& name = column.name;
  if (table.primary_key && contains(table.primary_key->columns, name)) return false;
  for (const auto& constraint : table.unique_constraints)
    if (contains(constraint.columns, name)) return false;
  for (const auto& index : table.indexes)
    if (contains(index.columns, name) || (index.where && mentions(*index.where, name))) return false;
  for (const auto& key : table.foreign_keys)
    if (contains(key.columns, name)) return false;
  for (const auto& check : table.check_constraints)
    if (mentions(check.expression, name)) return false;
  for (const auto& other : schema.tables)
    for (const auto& key : other.foreign_keys)
      if (key.referred_table == table.name && contains(key.referred_columns, name)) return false;
  return true;
}

// What introspection would read back for the table: the comparison that decides a rebuild.
// Column order is left out: SQLite appends an added column, and a table is never rebuilt only
// to put its columns in the models' order (check compares columns by name too).
Table database_table(const Table& table) {
  Schema single;
  single.tables.push_back(table);
  Table result = database_view(single).tables.front();
  std::sort(result.columns.begin(), result.columns.end(),
            [](const Column& a, const Column& b) { return a.name < b.name; });
  return result;
}

bool same_in_database(const Table& a, const Table& b) {
  return database_table(a) == database_table(b);
}

class SqliteRenderer {
 public:
  explicit SqliteRenderer(OperationContext& context)
      : context_(context), current_(std::move(context.lowered_before)) {}

  RenderedStep render() {
    take_native_alter();
    rebuild_what_still_differs();
    return std::move(step_);
  }

 private:
  void emit(std::string statement) { step_.statements.push_back(std::move(statement)); }

  // Replays an operation carrying lowered objects onto the database's current state.
  void replay(const Operation& lowered_operation) { apply_to_schema(current_, lowered_operation); }

  const Table& target(std::string_view table) {
    return table_named(context_.lowered_after, table, context_);
  }

  // Would the ALTER alone turn `table` into its target? Tried on the state itself and undone
  // by the inverse, since copying a large schema per operation dominates the render time.
  bool reaches_target(const Operation& lowered_operation, const std::string& table) {
    apply_to_schema(current_, lowered_operation);
    const bool reached = same_in_database(table_named(current_, table, context_), target(table));
    apply_to_schema(current_, invert(lowered_operation));
    return reached;
  }

  void take_native_alter() {
    const Operation& op = context_.operation;
    if (const auto* create = std::get_if<CreateTable>(&op)) {
      const Table& table = target(create->table.name);
      emit(render_create_table(table, lite));
      for (const auto& index : table.indexes) emit(render_create_index(table, index, lite));
      current_.tables.push_back(table);
    } else if (const auto* drop = std::get_if<DropTable>(&op)) {
      emit("DROP TABLE " + quoted(context_, drop->table.name));
      replay(DropTable{table_named(current_, drop->table.name, context_)});
    } else if (const auto* rename = std::get_if<RenameTable>(&op)) {
      emit(alter_table(context_, rename->from, "RENAME TO " + quoted(context_, rename->to)));
      replay(*rename);
    } else if (const auto* rename_column = std::get_if<RenameColumn>(&op)) {
      emit(alter_table(context_, rename_column->table, "RENAME COLUMN " +
                       quoted(context_, rename_column->from) + " TO " +
                       quoted(context_, rename_column->to)));
      replay(*rename_column);
    } else if (const auto* add = std::get_if<AddColumn>(&op)) {
      const Column& column = column_named(target(add->table), add->column.name, context_);
      // SQLite appends whatever the position says (the comparison ignores column order). A
      // column filled from the model default is copied in by the rebuild: SQLite could add it
      // NOT NULL only with a DEFAULT, which would then stay in the DDL.
      if (add->fill_existing_rows && !column.server_default) {
        auto fill = render_model_default(add->column, lite);
        if (!fill) fail(context_, "the column has no model default to fill the rows with");
        fills_[add->table + "." + add->column.name] = *fill;
        return;
      }
      AddColumn lowered{add->table, column, std::nullopt};
      if (sqlite_can_add(target(add->table), column) && reaches_target(lowered, add->table)) {
        emit(alter_table(context_, add->table,
                         "ADD COLUMN " + render_column_definition(target(add->table), column, lite)));
        replay(lowered);
      }
    } else if (const auto* drop_column = std::get_if<DropColumn>(&op)) {
      const Table& table = table_named(current_, drop_column->table, context_);
      const Column& column = column_named(table, drop_column->column.name, context_);
      DropColumn lowered{drop_column->table, column,
                         static_cast<std::size_t>(&column - table.columns.data())};
      if (sqlite_can_drop(current_, table, lowered.column) &&
          reaches_target(lowered, drop_column->table)) {
        emit(alter_table(context_, drop_column->table,
                         "DROP COLUMN " + quoted(context_, lowered.column.name)));
        replay(lowered);
      }
    } else if (const auto* create_index = std::get_if<CreateIndex>(&op)) {
      const Index& index = index_named(target(create_index->table), create_index->index.name, context_);
      emit(render_create_index(target(create_index->table), index, lite));
      replay(CreateIndex{create_index->table, index});
    } else if (const auto* rename_index = std::get_if<RenameIndex>(&op)) {
      // SQLite has no ALTER INDEX: the index is made again under its new name.
      const Index& index = index_named(table_named(current_, rename_index->table, context_), rename_index->from,
                                       context_);
      emit("DROP INDEX " + quoted(context_, index.name));
      const Table& wanted = target(rename_index->table);
      emit(render_create_index(wanted, index_named(wanted, rename_index->to, context_), lite));
      replay(*rename_index);
    } else if (const auto* drop_index = std::get_if<DropIndex>(&op)) {
      const Index& index = index_named(table_named(current_, drop_index->table, context_),
                                       drop_index->index.name, context_);
      emit("DROP INDEX " + quoted(context_, index.name));
      replay(DropIndex{drop_index->table, index});
    }
    // Everything else (column type or nullability, keys, constraints and their names, enums)
    // has no ALTER in SQLite: the rebuild below does it.
  }

  void rebuild_what_still_differs() {
    std::unordered_map<std::string_view, const Table*> existing_tables;
    for (const auto& table : current_.tables) existing_tables.emplace(table.name, &table);
    for (const auto& wanted : context_.lowered_after.tables) {
      auto found = existing_tables.find(wanted.name);
      const Table* existing = found == existing_tables.end() ? nullptr : found->second;
      if (existing == nullptr) fail(context_, "no statement creates table \"" + wanted.name + "\"");
      // Plain == first: nearly every table is untouched, and database_table copies.
      if (*existing != wanted && !same_in_database(*existing, wanted)) rebuild(*existing, wanted);
    }
    if (current_.tables.size() != context_.lowered_after.tables.size())
      for (const auto& existing : current_.tables)
        if (context_.lowered_after.find_table(existing.name) == nullptr)
          fail(context_, "no statement drops table \"" + existing.name + "\"");
  }

  // The twelve steps, minus the ones that belong to the apply engine (foreign keys off around
  // the transaction, foreign_key_check before commit: needs_foreign_keys_off says so).
  void rebuild(const Table& existing, const Table& wanted) {
    step_.needs_foreign_keys_off = true;
    step_.rebuilt_tables.push_back(wanted.name);
    const std::string staging = std::string(rebuild_prefix) + wanted.name;
    Table staged = wanted;
    staged.name = staging;
    emit(render_create_table(staged, lite));

    std::string target_columns, source_values;
    for (const auto& column : wanted.columns) {
      const Column* source = existing.find_column(column.name);
      if (column.generated) continue;  // computed by the new table itself
      auto fill = fills_.find(wanted.name + "." + column.name);
      // A new column gets its default or NULL, or the model default it is filled with.
      if (source == nullptr && fill == fills_.end()) continue;
      if (!target_columns.empty()) target_columns += ", ", source_values += ", ";
      target_columns += quoted(context_, column.name);
      source_values += source ? copied_value(*source, column) : fill->second;
    }
    if (!target_columns.empty())
      emit("INSERT INTO " + quoted(context_, staging) + " (" + target_columns + ") SELECT " +
           source_values + " FROM " + quoted(context_, existing.name));
    if (existing.sqlite_autoincrement && wanted.sqlite_autoincrement) {
      // AUTOINCREMENT never reuses a key, not even a deleted row's: the new table continues
      // from the old one's high-water mark, not from its largest remaining key.
      emit("DELETE FROM sqlite_sequence WHERE name = " + quote_literal(staging));
      emit("INSERT INTO sqlite_sequence (name, seq) SELECT " + quote_literal(staging) +
           ", seq FROM sqlite_sequence WHERE name = " + quote_literal(existing.name));
    }
    emit("DROP TABLE " + quoted(context_, existing.name));
    // Since SQLite 3.26 a RENAME re-parses every view and trigger of the schema, and a view
    // over the table just dropped makes it fail ("error in view v: no such table"). The
    // legacy mode renames without that check; views then see the new table under the old name.
    emit("PRAGMA legacy_alter_table = ON");
    emit(alter_table(context_, staging, "RENAME TO " + quoted(context_, wanted.name)));
    emit("PRAGMA legacy_alter_table = OFF");
    for (const auto& index : wanted.indexes) emit(render_create_index(wanted, index, lite));
  }

  // The old value as the new column wants it: converted when the type changed, the server
  // default instead of NULL when the column became NOT NULL.
  //
  // Only a change to a text type is CAST (numbers become their text, as PostgreSQL's ::varchar
  // gives). Numeric targets are left to the new column's affinity, which converts text that is
  // a well-formed number and keeps anything else as it was: CAST(x AS INTEGER/NUMERIC) would
  // silently turn 'abc' into 0 and '2024-01-01' into 2024.
  std::string copied_value(const Column& source, const Column& column) {
    std::string value = quoted(context_, source.name);
    const bool to_text = column.type.kind == TypeKind::string || column.type.kind == TypeKind::text ||
                         column.type.kind == TypeKind::uuid;
    if (source.type != column.type && to_text)
      value = "CAST(" + value + " AS " + render_column_type(column.type, lite) + ")";
    if (source.nullable && !column.nullable && column.server_default)
      value = "COALESCE(" + value + ", " + render_default_expression(*column.server_default) + ")";
    return value;
  }

  const OperationContext& context_;
  Schema current_;
  RenderedStep step_;
  std::map<std::string, std::string> fills_;  // "table.column" -> the value new rows of the copy get
};

}  // namespace

RenderedStep render_sqlite_operation(OperationContext& context) {
  return SqliteRenderer(context).render();
}

}  // namespace sqlmodel::schema::render_detail
