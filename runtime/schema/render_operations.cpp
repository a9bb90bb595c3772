// Entry points of the operation renderer: replay the operation, lower both sides, hand over to
// the dialect (render_operations_postgres.cpp, render_operations_sqlite.cpp).
#include "schema/render_operations.hpp"

#include <algorithm>
#include <stdexcept>

#include "schema/lower.hpp"
#include "schema/render_operations_internal.hpp"

namespace sqlmodel::schema {
namespace render_detail {

void fail(const OperationContext& context, const std::string& reason) {
  throw std::invalid_argument("cannot render \"" + describe(context.operation) + "\" for " +
                              std::string(to_string(context.dialect)) + ": " + reason);
}

const Table& table_named(const Schema& schema, std::string_view table,
                         const OperationContext& context) {
  const Table* found = schema.find_table(table);
  if (found == nullptr) fail(context, "there is no table \"" + std::string(table) + "\"");
  return *found;
}

const Column& column_named(const Table& table, std::string_view column,
                           const OperationContext& context) {
  const Column* found = table.find_column(column);
  if (found == nullptr)
    fail(context, "table \"" + table.name + "\" has no column \"" + std::string(column) + "\"");
  return *found;
}

const Index& index_named(const Table& table, std::string_view index,
                         const OperationContext& context) {
  auto found = std::find_if(table.indexes.begin(), table.indexes.end(),
                            [&](const Index& candidate) { return candidate.name == index; });
  if (found == table.indexes.end())
    fail(context, "table \"" + table.name + "\" has no index \"" + std::string(index) + "\"");
  return *found;
}

const EnumType& enum_named(const Schema& schema, std::string_view enum_name,
                           const OperationContext& context) {
  const EnumType* found = schema.find_enum(enum_name);
  if (found == nullptr) fail(context, "there is no enum \"" + std::string(enum_name) + "\"");
  return *found;
}

std::string quoted(const OperationContext& context, std::string_view identifier) {
  return quote_identifier(context.dialect, identifier);
}

std::string alter_table(const OperationContext& context, std::string_view table,
                        std::string_view action) {
  return "ALTER TABLE " + quoted(context, table) + " " + std::string(action);
}

}  // namespace render_detail

namespace {

// A hand-written step: its dialect's SQL, else the shared SQL, else nothing.
RenderedStep render_sql_step(const SqlStep& step, Dialect dialect) {
  RenderedStep rendered;
  auto specific = step.dialect_sql.find(dialect);
  const std::string& sql = specific != step.dialect_sql.end() ? specific->second : step.sql;
  if (!sql.empty()) rendered.statements.push_back(sql);
  return rendered;
}

// `lowered_before` and `lowered_after` are `before` and `after` lowered for `dialect`; a list
// passes one operation's lowered `after` on as the next one's `before`.
RenderedStep render_replayed(const Operation& operation, const Schema& before, const Schema& after,
                             Dialect dialect, Schema lowered_before, const Schema& lowered_after) {
  if (const auto* step = std::get_if<SqlStep>(&operation)) return render_sql_step(*step, dialect);
  render_detail::OperationContext context{operation, before, after, dialect,
                                          std::move(lowered_before), lowered_after};
  if (const auto* trigger = std::get_if<CreateSyncTrigger>(&operation))
    return render_detail::render_sync_trigger(*trigger, context);
  if (const auto* trigger = std::get_if<DropSyncTrigger>(&operation))
    return render_detail::render_drop_sync_trigger(*trigger, context);
  if (const auto* backfill = std::get_if<Backfill>(&operation))
    return render_detail::render_backfill(*backfill, context);
  return dialect == Dialect::postgresql ? render_detail::render_postgres_operation(context)
                                        : render_detail::render_sqlite_operation(context);
}

Schema replayed(const Schema& before, const Operation& operation, Dialect dialect) {
  Schema after = before;
  try {
    apply_to_schema(after, operation);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument("cannot render \"" + describe(operation) + "\" for " +
                                std::string(to_string(dialect)) + ": " + error.what());
  }
  return after;
}

}  // namespace

RenderedStep render_operation(const Operation& operation, const Schema& before, Dialect dialect) {
  const Schema after = replayed(before, operation, dialect);
  return render_replayed(operation, before, after, dialect, lower_for_dialect(before, dialect),
                         lower_for_dialect(after, dialect));
}

std::vector<RenderedStep> render_operations(const std::vector<Operation>& operations,
                                            const Schema& before, Dialect dialect) {
  std::vector<RenderedStep> steps;
  steps.reserve(operations.size());
  Schema current = before;
  Schema lowered_current = lower_for_dialect(before, dialect);
  for (const auto& operation : operations) {
    Schema next = replayed(current, operation, dialect);
    Schema lowered_next = lower_for_dialect(next, dialect);
    steps.push_back(render_replayed(operation, current, next, dialect, std::move(lowered_current),
                                    lowered_next));
    current = std::move(next);
    lowered_current = std::move(lowered_next);
  }
  return steps;
}

}  // namespace sqlmodel::schema
