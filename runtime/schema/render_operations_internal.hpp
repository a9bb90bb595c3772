// Shared between the per-dialect operation renderers; not part of the public interface.
#pragma once

#include <string>
#include <string_view>

#include "schema/operations.hpp"
#include "schema/render_operations.hpp"

namespace sqlmodel::schema::render_detail {

// One operation with the schema on both sides of it, raw and lowered for the dialect. The
// renderers read columns, types and constraints from the lowered schemas, so what reaches SQL
// is what the database holds (enums as CHECKs on SQLite, and so on).
struct OperationContext {
  const Operation& operation;
  const Schema& before;
  const Schema& after;
  Dialect dialect;
  Schema lowered_before;  // owned: the SQLite renderer replays its ALTERs onto it
  const Schema& lowered_after;
};

RenderedStep render_postgres_operation(const OperationContext& context);
// Consumes context.lowered_before.
RenderedStep render_sqlite_operation(OperationContext& context);

// Steps that change no schema: the sync trigger of expand/contract and the batched backfill,
// for either dialect (render_online_steps.cpp).
RenderedStep render_sync_trigger(const CreateSyncTrigger& op, const OperationContext& context);
RenderedStep render_drop_sync_trigger(const DropSyncTrigger& op, const OperationContext& context);
RenderedStep render_backfill(const Backfill& op, const OperationContext& context);

// Lookups that fail with the operation's description instead of dereferencing nothing.
const Table& table_named(const Schema& schema, std::string_view table, const OperationContext& context);
const Column& column_named(const Table& table, std::string_view column, const OperationContext& context);
const Index& index_named(const Table& table, std::string_view index, const OperationContext& context);
const EnumType& enum_named(const Schema& schema, std::string_view enum_name, const OperationContext& context);
[[noreturn]] void fail(const OperationContext& context, const std::string& reason);

std::string quoted(const OperationContext& context, std::string_view identifier);

// ALTER TABLE "t" <action>
std::string alter_table(const OperationContext& context, std::string_view table, std::string_view action);

}  // namespace sqlmodel::schema::render_detail
