// Models for the types and names of issue 16, read by the plugin in the lit tests (snapshot,
// generated header) and used by test_types_path through the whole path on SQLite and
// PostgreSQL: text, jsonb, typed JSON columns, durations, a dialect-spelled type, a generated
// column, SQLite AUTOINCREMENT, key names of an existing schema, a mixin column overridden,
// set-on-update and server-default timestamps, server defaults of one dialect, a mirror model
// with a field of its own, and UUIDs in both SQLite forms in one model.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <sqlmodel/annotations.hpp>
#include <sqlmodel/mixins.hpp>

namespace types_models {

enum class Priority { low, high };

// Typed JSON: plain structs, nested, with optionals, vectors, an enum and a duration.
struct Retry {
  int attempts = 3;
  std::chrono::seconds delay{1};
};

struct Step {
  std::string name;
  Priority priority = Priority::low;
  std::optional<Retry> retry;
  std::vector<std::string> tags;
};

// A mixin whose note a table overrides; created_at has a model default and a server default,
// updated_at is set on every update.
struct Audited {
  SQLMODEL_FIELD(.default_factory = sqlmodel::DefaultFactory::now, .server_default = "CURRENT_TIMESTAMP")
  std::optional<sqlmodel::Timestamp> created_at;
  SQLMODEL_FIELD(.update_factory = sqlmodel::DefaultFactory::now) std::optional<sqlmodel::Timestamp> updated_at;
  std::string note;
};

// Key names as PostgreSQL gives unnamed keys (a database SQLAlchemy created); AUTOINCREMENT on
// SQLite.
struct SQLMODEL_TABLE(.name = "type_owners", .primary_key_name = "type_owners_pkey",
                      .sqlite_autoincrement = true)
Owner {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
};

struct SQLMODEL_TABLE(.name = "type_documents")
SQLMODEL_INDEX(.columns = {"attributes"}, .method = "gin")
SQLMODEL_CHECK(.constraint_name = "type_documents_body_check", .expression = "length(body) > 0")
Document : Audited {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "type_owners.id", .foreign_key_name = "type_documents_owner_id_fkey",
                 .index = true, .on_delete = sqlmodel::OnDelete::set_null)
  std::optional<std::int64_t> owner_id;
  SQLMODEL_FIELD(.sql_type = "text") std::string body;
  SQLMODEL_FIELD(.sql_type = "jsonb") nlohmann::json attributes = nlohmann::json::object();
  std::optional<nlohmann::json> extra;
  std::optional<std::chrono::microseconds> retention;
  std::chrono::seconds timeout{30};
  std::vector<Step> steps;
  std::optional<Step> main_step;
  SQLMODEL_FIELD(.postgresql_type = "tsvector", .sqlite_type = "TEXT") std::optional<std::string> search;
  SQLMODEL_FIELD(.generated = "length(body)") std::optional<std::int32_t> body_length;
  // Overrides Audited::note: a bounded string with a server default, in the mixin's place.
  SQLMODEL_FIELD(.max_length = 20, .server_default = "'none'") std::string note = "none";
  // Left std::nullopt, the database's DEFAULT applies and is read back.
  SQLMODEL_FIELD(.nullable = false, .server_default = "'draft'") std::optional<std::string> status;
  // SQLAlchemy's UUID form on SQLite: 32 hex digits in a CHAR(32).
  SQLMODEL_FIELD(.sql_type = "uuid_hex", .default_factory = sqlmodel::DefaultFactory::uuid4, .unique = true)
  sqlmodel::UUID public_id;
  // "Server now" in each dialect's own words, and a DEFAULT PostgreSQL alone has: left
  // std::nullopt, each is the database's to fill (SQLite leaves region NULL).
  SQLMODEL_FIELD(.postgresql_server_default = "now()", .sqlite_server_default = "CURRENT_TIMESTAMP")
  std::optional<sqlmodel::Timestamp> received_at;
  SQLMODEL_FIELD(.max_length = 20, .postgresql_server_default = "'eu-west'") std::optional<std::string> region;
};

struct UuidGrant;

// Both SQLite forms of a UUID side by side: a key in SQLAlchemy's 32 hex digits, tokens in 36
// characters, and (UuidGrant) a hex foreign key to the key. Each column keeps its own form
// whatever the connection's DatabaseOptions::sqlite_uuid says.
struct SQLMODEL_TABLE(.name = "type_uuid_accounts") UuidAccount {
  SQLMODEL_FIELD(.primary_key = true, .sql_type = "uuid_hex", .default_factory = sqlmodel::DefaultFactory::uuid4)
  sqlmodel::UUID id;
  sqlmodel::UUID token;
  std::optional<sqlmodel::UUID> backup_token;
  SQLMODEL_FIELD(.max_length = 40) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "account", .cascade_delete = true)
  sqlmodel::RelatedList<UuidGrant> grants;
};

struct SQLMODEL_TABLE(.name = "type_uuid_grants") UuidGrant {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.sql_type = "uuid_hex", .foreign_key = "type_uuid_accounts.id", .index = true)
  sqlmodel::UUID account_id;
  std::string scope;
  SQLMODEL_RELATIONSHIP(.back_populates = "grants") sqlmodel::Related<UuidAccount> account;
};

struct SQLMODEL_MODEL(.mirrors = "type_owners") OwnerCreate {
  std::string name;
  // Not a column: the model's own field, validated by its own options.
  SQLMODEL_FIELD(.column = false, .min_length = 8) std::string password;
};

}  // namespace types_models
