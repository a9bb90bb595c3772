// An application's use of the header generated for tests/support/types_models.hpp: the ORM's
// writes instantiated for models with generated, server-defaulted and typed JSON columns.
#include "types.sqlmodel.hpp"

#include <sqlmodel/json.hpp>
#include <sqlmodel/mirror.hpp>
#include <sqlmodel/session.hpp>

#include <tuple>

namespace {

template <typename T>
using traits = sqlmodel::model_traits<T>;
using types_models::Document;

// The mixin's columns first; Document::note replaces Audited::note in its place.
static_assert(sqlmodel::get<0>(traits<Document>::columns).name == "created_at");
static_assert(sqlmodel::get<1>(traits<Document>::columns).role == sqlmodel::ColumnRole::updated_at);
static_assert(sqlmodel::get<2>(traits<Document>::columns).name == "note");
static_assert(sqlmodel::get<2>(traits<Document>::columns).max_length == 20);
static_assert(sqlmodel::get<2>(traits<Document>::columns).server_default);
static_assert(sqlmodel::detail::has_database_filled_columns<Document>());
static_assert(!sqlmodel::detail::has_database_filled_columns<types_models::Owner>());
static_assert(sqlmodel::JsonStruct<types_models::Step>);
static_assert(std::tuple_size_v<decltype(sqlmodel::json_struct_traits<types_models::Retry>::members)> == 2);
static_assert(std::tuple_size_v<decltype(sqlmodel::mirror_traits<types_models::OwnerCreate>::fields)> == 2);
// Each UUID column's SQLite form, which the session binds it in.
static_assert(sqlmodel::detail::column_of<types_models::UuidAccount, &types_models::UuidAccount::id>.sqlite_uuid() ==
              sqlmodel::SqliteUuid::hex);
static_assert(sqlmodel::detail::column_of<types_models::UuidAccount, &types_models::UuidAccount::token>.sqlite_uuid() ==
              sqlmodel::SqliteUuid::text);
static_assert(sqlmodel::detail::column_of<types_models::UuidGrant, &types_models::UuidGrant::account_id>.uuid_hex);

}  // namespace

void write_documents(sqlmodel::Session& session, Document& document, std::vector<Document>& documents) {
  session.add(document);
  session.update(document);
  session.bulk_insert(documents);
  nlohmann::json json = sqlmodel::to_json(document);
  (void)sqlmodel::from_json<Document>(json);
  (void)sqlmodel::from_json<types_models::OwnerCreate>(nlohmann::json{{"name", "x"}, {"password", "12345678"}});
}

// Keys, loaders and cascades on UUID keys instantiated.
void use_uuid_accounts(sqlmodel::Session& session, types_models::UuidAccount& account) {
  session.add(account);
  (void)session.get<types_models::UuidAccount>(account.id);
  session.load(account, &types_models::UuidAccount::grants);
  (void)session.exec(sqlmodel::select<types_models::UuidGrant>().options(sqlmodel::selectinload(&types_models::UuidGrant::account)));
  session.delete_(account);
}
