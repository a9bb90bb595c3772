// The steps that change no schema but move data while the application runs: the trigger that
// keeps an old column and its replacement in step (expand/contract), and the batched backfill.
#include <algorithm>

#include "schema/ddl.hpp"
#include "schema/naming.hpp"
#include "schema/render_operations_internal.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::schema::render_detail {
namespace {

bool is_enum_type(const ColumnType& type) {
  return type.kind == TypeKind::enumeration ||
         (type.kind == TypeKind::array && type.element_kind == TypeKind::enumeration);
}

// `value` (an expression of `from`'s type) as `to`'s type. PostgreSQL has no cast between an
// enum and anything but text, so such a conversion goes through text.
std::string postgres_cast(const std::string& value, const Column& from, const Column& to) {
  if (from.type == to.type) return value;
  std::string via;
  if (is_enum_type(from.type) || is_enum_type(to.type)) via = to.type.kind == TypeKind::array ? "::text[]" : "::text";
  return "(" + value + ")" + via + "::" + render_column_type(to.type, Dialect::postgresql);
}

// "NEW"."id" = ... for every primary key column: how SQLite's trigger finds the row it fires for.
std::string same_row(const Table& table, Dialect dialect) {
  std::vector<std::string> terms;
  for (const auto& key : table.primary_key->columns)
    terms.push_back(quote_identifier(dialect, key) + " = NEW." + quote_identifier(dialect, key));
  return join(terms, " AND ");
}

}  // namespace

// PostgreSQL: one BEFORE INSERT OR UPDATE row trigger that sets the other column in NEW. On
// INSERT the new column wins when it has a value (only the new application writes it), else
// the old one is copied; on UPDATE the column that changed is copied to the other, the new one
// first. SQLite cannot change NEW, so two AFTER triggers write the other column back with an
// UPDATE of the same row (recursive triggers are off by default, so that UPDATE does not loop).
RenderedStep render_sync_trigger(const CreateSyncTrigger& op, const OperationContext& context) {
  const Dialect dialect = context.dialect;
  const Table& table = table_named(context.lowered_before, op.table, context);
  const Column& old_column = column_named(table, op.old_column, context);
  const Column& new_column = column_named(table, op.new_column, context);
  if (!table.primary_key) fail(context, "the table has no primary key");
  const std::string name = naming::sync_trigger(op.table, op.old_column, op.new_column);
  auto q = [&](std::string_view identifier) { return quote_identifier(dialect, identifier); };
  const std::string old_name = q(op.old_column), new_name = q(op.new_column);
  RenderedStep step;
  if (dialect == Dialect::postgresql) {
    const std::string to_new = "NEW." + new_name + " := " + postgres_cast("NEW." + old_name, old_column, new_column);
    const std::string to_old = "NEW." + old_name + " := " + postgres_cast("NEW." + new_name, new_column, old_column);
    step.statements.push_back(
        "CREATE OR REPLACE FUNCTION " + q(name) + "() RETURNS trigger LANGUAGE plpgsql AS $sqlmodel$\n"
        "BEGIN\n"
        "  IF TG_OP = 'INSERT' THEN\n"
        "    IF NEW." + new_name + " IS NULL THEN\n"
        "      " + to_new + ";\n"
        "    ELSE\n"
        "      " + to_old + ";\n"
        "    END IF;\n"
        "  ELSIF NEW." + new_name + " IS DISTINCT FROM OLD." + new_name + " THEN\n"
        "    " + to_old + ";\n"
        "  ELSIF NEW." + old_name + " IS DISTINCT FROM OLD." + old_name + " THEN\n"
        "    " + to_new + ";\n"
        "  END IF;\n"
        "  RETURN NEW;\n"
        "END\n"
        "$sqlmodel$");
    step.statements.push_back("CREATE TRIGGER " + q(name) + " BEFORE INSERT OR UPDATE ON " + q(op.table) +
                              " FOR EACH ROW EXECUTE FUNCTION " + q(name) + "()");
    return step;
  }
  const std::string row = same_row(table, dialect);
  const std::string table_name = q(op.table);
  step.statements.push_back(
      "CREATE TRIGGER " + q(name + "_insert") + " AFTER INSERT ON " + table_name + " FOR EACH ROW BEGIN\n"
      "  UPDATE " + table_name + " SET " + new_name + " = NEW." + old_name + " WHERE NEW." + new_name +
      " IS NULL AND " + row + ";\n"
      "  UPDATE " + table_name + " SET " + old_name + " = NEW." + new_name + " WHERE NEW." + new_name +
      " IS NOT NULL AND " + row + ";\n"
      "END");
  step.statements.push_back(
      "CREATE TRIGGER " + q(name + "_update") + " AFTER UPDATE OF " + old_name + ", " + new_name + " ON " +
      table_name + " FOR EACH ROW BEGIN\n"
      "  UPDATE " + table_name + " SET " + old_name + " = NEW." + new_name + " WHERE NEW." + new_name +
      " IS NOT OLD." + new_name + " AND " + row + ";\n"
      "  UPDATE " + table_name + " SET " + new_name + " = NEW." + old_name + " WHERE NEW." + new_name +
      " IS OLD." + new_name + " AND NEW." + old_name + " IS NOT OLD." + old_name + " AND " + row + ";\n"
      "END");
  return step;
}

RenderedStep render_drop_sync_trigger(const DropSyncTrigger& op, const OperationContext& context) {
  const Dialect dialect = context.dialect;
  const std::string name = naming::sync_trigger(op.table, op.old_column, op.new_column);
  auto q = [&](std::string_view identifier) { return quote_identifier(dialect, identifier); };
  RenderedStep step;
  if (dialect == Dialect::postgresql) {
    step.statements.push_back("DROP TRIGGER IF EXISTS " + q(name) + " ON " + q(op.table));
    step.statements.push_back("DROP FUNCTION IF EXISTS " + q(name) + "()");
  } else {
    step.statements.push_back("DROP TRIGGER IF EXISTS " + q(name + "_insert"));
    step.statements.push_back("DROP TRIGGER IF EXISTS " + q(name + "_update"));
  }
  return step;
}

RenderedStep render_backfill(const Backfill& op, const OperationContext& context) {
  const Dialect dialect = context.dialect;
  const Table& table = table_named(context.lowered_before, op.table, context);
  if (!table.primary_key) fail(context, "the table has no primary key");
  auto q = [&](std::string_view identifier) { return quote_identifier(dialect, identifier); };
  auto specific = op.dialect_set.find(dialect);
  const auto& assignments = specific != op.dialect_set.end() ? specific->second : op.set;
  if (assignments.empty()) fail(context, "it sets nothing for " + std::string(to_string(dialect)));
  std::vector<std::string> sets;
  for (const auto& [column, expression] : assignments) {
    column_named(table, column, context);
    sets.push_back(q(column) + " = (" + expression + ")");
  }

  std::vector<std::string> keys;
  for (const auto& key : table.primary_key->columns) keys.push_back(q(key));
  const std::size_t n = keys.size();
  auto parameters = [&](std::size_t first) {
    std::vector<std::string> list;
    for (std::size_t i = 0; i < n; ++i)
      list.push_back((dialect == Dialect::postgresql ? "$" : "?") + std::to_string(first + i));
    return list;
  };
  auto tuple = [&](const std::vector<std::string>& items) { return n == 1 ? items.front() : "(" + join(items) + ")"; };
  const std::string key_tuple = tuple(keys);
  const std::string table_name = q(op.table);
  // The batch's size is a parameter: the engine shrinks a batch that held its locks too long.
  auto order = [&](std::size_t offset_parameter) {
    return " ORDER BY " + join(keys) + " LIMIT 1 OFFSET " + (dialect == Dialect::postgresql ? "$" : "?") +
           std::to_string(offset_parameter);
  };
  const std::string filter = op.where ? " AND (" + *op.where + ")" : "";

  BackfillStatements statements;
  statements.table = op.table;
  statements.key_columns = table.primary_key->columns;
  statements.batch_size = op.batch_size;
  statements.pause_ms = op.pause_ms;
  statements.first_bound = "SELECT " + join(keys) + " FROM " + table_name + order(1);
  statements.next_bound = "SELECT " + join(keys) + " FROM " + table_name + " WHERE " + key_tuple + " > " +
                          tuple(parameters(1)) + order(n + 1);
  auto plain_update = [&](const std::string& condition) {
    std::string statement = "UPDATE " + table_name + " SET " + join(sets);
    if (!condition.empty()) statement += " WHERE " + condition;
    return statement;
  };
  auto update = [&](const std::string& condition) {
    if (dialect == Dialect::sqlite) return plain_update(condition);
    return "WITH updated AS (" + plain_update(condition) + " RETURNING 1) SELECT count(*) FROM updated";
  };
  statements.update_first = update(key_tuple + " <= " + tuple(parameters(1)) + filter);
  statements.update_next = update(key_tuple + " > " + tuple(parameters(1)) + " AND " + key_tuple +
                                  " <= " + tuple(parameters(n + 1)) + filter);
  statements.update_rest = update(key_tuple + " > " + tuple(parameters(1)) + filter);
  statements.update_all = update(op.where ? "(" + *op.where + ")" : "");
  statements.one_statement = plain_update(op.where ? "(" + *op.where + ")" : "");
  if (dialect == Dialect::sqlite) {
    statements.count_changes = "SELECT changes()";
    statements.estimate_rows = "SELECT count(*) FROM " + table_name;
  } else {
    // The planner's estimate: counting a big table would read all of it once more.
    statements.estimate_rows = "SELECT CAST(GREATEST(reltuples, 0) AS BIGINT) FROM pg_catalog.pg_class WHERE oid = "
                               "CAST(" + quote_literal(table_name) + " AS regclass)";
  }
  RenderedStep step;
  step.backfill = std::move(statements);
  return step;
}

}  // namespace sqlmodel::schema::render_detail
