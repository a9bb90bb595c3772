// The types and names of issue 16 through the whole path, on a real SQLite file and a real
// PostgreSQL server: the plugin's snapshot of tests/support/types_models.hpp becomes a
// migration (diff from nothing, written and read back as migration JSON, rendered and run),
// the database then holds exactly the snapshot (check reports nothing), the ORM writes and reads
// every new type through the plugin's generated traits, and the database still holds exactly
// the snapshot afterwards.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "schema/diff.hpp"
#include "schema/operations_json.hpp"
#include "schema/render_operations.hpp"
#include "schema/snapshot_json.hpp"
#include "sqlmodel/check_schema.hpp"
#include "sqlmodel/database.hpp"
#include "sqlmodel/json.hpp"
#include "sqlmodel/mirror.hpp"
#include "sqlmodel/orm.hpp"
#include "sqlmodel/session.hpp"
#include "support/test_databases.hpp"
#include "types_models.sqlmodel.hpp"

namespace sqlmodel::testing::types {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using types_models::Document;
using types_models::Owner;
using types_models::OwnerCreate;
using types_models::Priority;
using types_models::Retry;
using types_models::Step;
using types_models::UuidAccount;
using types_models::UuidGrant;

class TypesPathTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    // On PostgreSQL a schema of its own, first on every pooled connection's search_path:
    // check() compares the whole schema, and the other suites (and this suite's other tests,
    // which run at the same time) leave their tables elsewhere.
    if (GetParam() == Backend::postgres) schema_ = "sqlmodel_types_path_" + std::to_string(::getpid());
    SQLMODEL_REQUIRE_DATABASE(url, GetParam(), schema_);
    url_ = url;
    // No DatabaseOptions::sqlite_uuid: each UUID column is written in its own form (uuid_hex
    // ones in SQLAlchemy's 32 hex digits on SQLite).
    database_.emplace(Database::open(url));
    database_->exec_script(
        "DROP TABLE IF EXISTS type_uuid_grants; DROP TABLE IF EXISTS type_uuid_accounts; "
        "DROP TABLE IF EXISTS type_documents; DROP TABLE IF EXISTS type_owners;");
    models_ = schema::read_snapshot_file(SQLMODEL_TYPES_SNAPSHOT);
    migrate_from_nothing();
  }

  void TearDown() override {
    database_.reset();
    // A skipped PostgreSQL run has a schema name and no server.
    if (!schema_.empty() && postgres_test_url())
      Database::open(*postgres_test_url()).exec_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  // The snapshot as a migration: diffed from an empty schema, through the migration file's
  // JSON and back, rendered for the dialect and run step by step.
  void migrate_from_nothing() {
    const std::vector<schema::Operation> operations = schema::diff(schema::Schema{}, models_);
    const nlohmann::json file = nlohmann::json::parse(schema::to_json(operations).dump());
    const std::vector<schema::Operation> read = schema::operations_from_json(file, "migration", "/upgrade");
    ASSERT_EQ(read, operations) << "the migration file loses something";
    for (const schema::RenderedStep& step : schema::render_operations(read, schema::Schema{}, db().dialect()))
      for (const std::string& statement : step.statements) db().exec_script(statement);
  }

  void expect_database_holds_the_snapshot() {
    const SchemaDrift drift = check_schema(db(), models_);
    EXPECT_TRUE(drift.in_sync()) << drift.report();
  }

  Database& db() { return *database_; }
  bool postgres() const { return GetParam() == Backend::postgres; }

  // One text value as the database stores it.
  std::string stored(const std::string& sql) {
    Session session(db());
    auto rows = session.exec(text<std::tuple<std::string>>(sql));
    return rows.empty() ? std::string("<no row>") : std::get<0>(rows.front());
  }

  Document sample_document(std::int64_t owner_id) {
    Document document;
    document.owner_id = owner_id;
    document.body = "Long text, not a VARCHAR";
    document.attributes = {{"color", "red"}, {"size", 3}};
    document.extra = nlohmann::json::array({1, "two"});
    document.retention = 90min + 1500ms;
    document.timeout = 45s;
    document.steps = {Step{.name = "fetch", .priority = Priority::high, .retry = Retry{.attempts = 5, .delay = 2s},
                           .tags = {"net"}},
                      Step{.name = "parse"}};
    document.main_step = Step{.name = "main", .tags = {"a", "b"}};
    document.search = "fat cats";
    return document;
  }

  // A UUID column's value as the database stores it: its text on SQLite, uuid::text on
  // PostgreSQL (where the type is native and has one form).
  std::string stored_uuid(const std::string& table, const std::string& column, const std::string& where) {
    return stored("SELECT " + column + (postgres() ? "::text" : "") + " FROM " + table + " WHERE " + where);
  }
  // What a SQLite column of the given form holds for `value`; PostgreSQL's canonical text.
  std::string expected_uuid_text(const UUID& value, SqliteUuid form) const {
    return postgres() ? value.to_string() : detail::sqlite_uuid_text(value, form);
  }

  std::string schema_;  // PostgreSQL: the test's own schema
  std::string url_;
  std::optional<Database> database_;
  schema::Schema models_;
};

TEST_P(TypesPathTest, TheMigrationCreatesExactlyWhatTheSnapshotSays) {
  expect_database_holds_the_snapshot();
}

TEST_P(TypesPathTest, EveryTypeRoundTripsThroughTheOrm) {
  Session session(db());
  Owner owner{.name = "Ada"};
  session.add(owner);
  session.commit();
  ASSERT_TRUE(owner.id);
  Document document = sample_document(*owner.id);
  session.add(document);
  session.commit();

  ASSERT_TRUE(document.id);
  // Read back by INSERT ... RETURNING: the generated column, the server default the object left
  // unset; the model default filled created_at before the INSERT.
  EXPECT_EQ(document.body_length, 24);
  EXPECT_EQ(document.status, "draft");
  EXPECT_TRUE(document.created_at);
  EXPECT_TRUE(document.updated_at);

  auto loaded = session.get<Document>(*document.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->body, document.body);
  EXPECT_EQ(loaded->attributes, document.attributes);
  EXPECT_EQ(loaded->extra, document.extra);
  EXPECT_EQ(loaded->retention, 90min + 1500ms);
  EXPECT_EQ(loaded->timeout, 45s);
  ASSERT_EQ(loaded->steps.size(), 2u);
  EXPECT_EQ(loaded->steps[0].name, "fetch");
  EXPECT_EQ(loaded->steps[0].priority, Priority::high);
  ASSERT_TRUE(loaded->steps[0].retry);
  EXPECT_EQ(loaded->steps[0].retry->attempts, 5);
  EXPECT_EQ(loaded->steps[0].retry->delay, 2s);
  EXPECT_EQ(loaded->steps[0].tags, std::vector<std::string>{"net"});
  EXPECT_FALSE(loaded->steps[1].retry);
  ASSERT_TRUE(loaded->main_step);
  EXPECT_EQ(loaded->main_step->tags, (std::vector<std::string>{"a", "b"}));
  // tsvector normalises its input on PostgreSQL; SQLite's TEXT keeps it.
  EXPECT_EQ(loaded->search, postgres() ? "'cats' 'fat'" : "fat cats");
  EXPECT_EQ(loaded->body_length, 24);
  EXPECT_EQ(loaded->note, "none");
  EXPECT_EQ(loaded->status, "draft");
  EXPECT_EQ(loaded->created_at, document.created_at);

  // An update writes what the object holds, never the generated column, and reads it back.
  const auto first_update = document.updated_at;
  document.body = "short";
  session.update(document);
  session.commit();
  EXPECT_EQ(document.body_length, 5);
  EXPECT_GE(*document.updated_at, *first_update);
  EXPECT_EQ(session.get<Document>(*document.id)->body_length, 5);

  // An UPDATE by criteria sets the .update_factory column too (SQLAlchemy's onupdate does for
  // query updates), unless the query sets it itself.
  const Timestamp long_ago = std::chrono::sys_days(std::chrono::year(2001) / 1 / 1);
  session.exec(update<Document>()
                   .set(&Document::updated_at, std::optional<Timestamp>(long_ago))
                   .where(col(&Document::id) == *document.id));
  EXPECT_EQ(session.get_one<Document>(*document.id).updated_at, long_ago);
  EXPECT_EQ(session.exec(update<Document>()
                             .set(&Document::body, std::string("criteria"))
                             .where(col(&Document::id) == *document.id)),
            1);
  session.commit();
  const Document criteria_updated = session.get_one<Document>(*document.id);
  ASSERT_TRUE(criteria_updated.updated_at);
  EXPECT_GT(*criteria_updated.updated_at, long_ago);
  EXPECT_EQ(criteria_updated.body_length, 8);

  expect_database_holds_the_snapshot();
}

TEST_P(TypesPathTest, StorageFormsAreTheDocumentedOnes) {
  Session session(db());
  Owner owner{.name = "Ada"};
  session.add(owner);
  Document document = sample_document(0);
  document.owner_id.reset();
  session.add(document);
  session.commit();
  const std::string id = std::to_string(*document.id);
  if (postgres()) {
    EXPECT_EQ(stored("SELECT timeout::text FROM type_documents WHERE id = " + id), "00:00:45");
    EXPECT_EQ(stored("SELECT retention::text FROM type_documents WHERE id = " + id), "01:30:01.5");
    EXPECT_EQ(stored("SELECT pg_typeof(attributes)::text FROM type_documents WHERE id = " + id), "jsonb");
    EXPECT_EQ(stored("SELECT pg_typeof(extra)::text FROM type_documents WHERE id = " + id), "json");
    EXPECT_EQ(stored("SELECT pg_typeof(body)::text FROM type_documents WHERE id = " + id), "text");
  } else {
    // SQLAlchemy's Interval on SQLite: the DATETIME that long after the epoch.
    EXPECT_EQ(stored("SELECT timeout FROM type_documents WHERE id = " + id), "1970-01-01 00:00:45.000000");
    EXPECT_EQ(stored("SELECT retention FROM type_documents WHERE id = " + id), "1970-01-01 01:30:01.500000");
  }
  EXPECT_THAT(stored("SELECT steps FROM type_documents WHERE id = " + id),
              HasSubstr(R"("name":"fetch","priority":"high","retry":{"attempts":5,"delay":"PT2S"})"));
}

TEST_P(TypesPathTest, UuidsAreStoredInTheFormTheModelsChose) {
  Session session(db());
  Document document = sample_document(0);
  document.owner_id.reset();
  session.add(document);
  session.commit();
  const UUID id = document.public_id;
  EXPECT_NE(id, UUID{}) << "default_factory = uuid4";
  const std::string stored_id = stored("SELECT " + std::string(postgres() ? "public_id::text" : "public_id") +
                                       " FROM type_documents");
  EXPECT_EQ(stored_id, postgres() ? id.to_string() : id.to_hex());
  auto found = session.exec(select<Document>().where(col(&Document::public_id) == id));
  ASSERT_EQ(found.size(), 1u) << "a bound UUID compares in the stored form";
  EXPECT_EQ(found[0].public_id, id);
}

TEST_P(TypesPathTest, NotNullColumnsAddedToATableWithRowsAreFilledInTheirStorageForm) {
  {
    Session session(db());
    Document document = sample_document(0);
    document.owner_id.reset();
    session.add(document);
    session.commit();
  }
  // The next version of the models: a NOT NULL generated column (computed, never filled) and
  // a NOT NULL uuid in SQLAlchemy's hex form whose model default the migration fills.
  schema::Schema next = models_;
  schema::Table& documents = *std::find_if(next.tables.begin(), next.tables.end(),
                                           [](const schema::Table& table) { return table.name == "type_documents"; });
  schema::Column doubled;
  doubled.name = "doubled_length";
  doubled.type.kind = schema::TypeKind::int64;
  doubled.generated = "length(body) * 2";
  schema::Column token;
  token.name = "token";
  token.type.kind = schema::TypeKind::uuid;
  token.type.uuid_hex = true;
  token.default_factory = "uuid4";
  documents.columns.push_back(doubled);
  documents.columns.push_back(token);

  const std::vector<schema::Operation> operations = schema::diff(models_, next);
  ASSERT_FALSE(operations.empty());
  for (const schema::RenderedStep& step : schema::render_operations(operations, models_, db().dialect()))
    for (const std::string& statement : step.statements) db().exec_script(statement);

  const std::string body_length = std::to_string(2 * std::string("Long text, not a VARCHAR").size());
  EXPECT_EQ(stored("SELECT CAST(doubled_length AS TEXT) FROM type_documents"), body_length);
  const std::string filled = stored(postgres() ? "SELECT token::text FROM type_documents" : "SELECT token FROM type_documents");
  if (postgres()) {
    EXPECT_TRUE(UUID::parse(filled)) << filled;
  } else {
    EXPECT_EQ(filled.size(), 32u) << "the fill writes the column's form, 32 hex digits: " << filled;
    EXPECT_TRUE(UUID::parse_hex(filled)) << filled;
    EXPECT_EQ(filled[12], '4') << "a version 4 UUID: " << filled;
  }
  models_ = next;
  expect_database_holds_the_snapshot();
}

TEST_P(TypesPathTest, RowsWrittenWithoutTheOrmGetTheServerDefaults) {
  Session session(db());
  session.exec_script("INSERT INTO type_documents (body, attributes, timeout, steps, public_id) VALUES ('raw', '{}', " +
                  std::string(postgres() ? "'10 seconds'" : "'1970-01-01 00:00:10'") +
                  ", '[]', '6f9619ff8b86d011b42d00cf4fc964ff')");
  session.commit();
  auto documents = session.exec(select<Document>());
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_TRUE(documents[0].created_at) << "CURRENT_TIMESTAMP filled it and the ORM reads it";
  EXPECT_EQ(documents[0].status, "draft");
  EXPECT_EQ(documents[0].note, "none");
  EXPECT_EQ(documents[0].timeout, 10s);
  EXPECT_EQ(documents[0].body_length, 3);
  EXPECT_EQ(documents[0].public_id.to_string(), "6f9619ff-8b86-d011-b42d-00cf4fc964ff");
}

// .postgresql_server_default / .sqlite_server_default: each database holds its own DEFAULT (and
// only PostgreSQL one for region), check finds no drift on either, the ORM leaves the columns to
// the database on both, and a change to PostgreSQL's default alone alters PostgreSQL only.
TEST_P(TypesPathTest, EachDialectHoldsItsOwnServerDefault) {
  auto live_default = [&](const std::string& column) {
    return stored(postgres() ? "SELECT COALESCE(column_default, '<none>') FROM information_schema.columns "
                               "WHERE table_schema = current_schema() AND table_name = 'type_documents' "
                               "AND column_name = '" + column + "'"
                             : "SELECT COALESCE(dflt_value, '<none>') FROM pragma_table_info('type_documents') "
                               "WHERE name = '" + column + "'");
  };
  EXPECT_EQ(live_default("received_at"), postgres() ? "now()" : "CURRENT_TIMESTAMP");
  EXPECT_EQ(live_default("region"), postgres() ? "'eu-west'::character varying" : "<none>");
  expect_database_holds_the_snapshot();

  {
    Session session(db());
    Document document = sample_document(0);
    document.owner_id.reset();
    session.add(document);
    session.commit();
    EXPECT_TRUE(document.received_at) << "the database's now, read back";
    EXPECT_EQ(document.region, postgres() ? std::optional<std::string>("eu-west") : std::nullopt);
    const Document loaded = session.get_one<Document>(*document.id);
    EXPECT_EQ(loaded.received_at, document.received_at);
    EXPECT_EQ(loaded.region, document.region);
  }  // its read transaction would block PostgreSQL's ALTER TABLE below

  schema::Schema next = models_;
  next.find_table("type_documents")->find_column("received_at")->postgresql_server_default = "statement_timestamp()";
  EXPECT_EQ(check_schema(db(), next).in_sync(), !postgres()) << "only PostgreSQL's default differs";
  const std::vector<schema::Operation> operations = schema::diff(models_, next);
  ASSERT_EQ(operations.size(), 1u);
  std::size_t statements = 0;
  for (const schema::RenderedStep& step : schema::render_operations(operations, models_, db().dialect()))
    for (const std::string& statement : step.statements) db().exec_script(statement), ++statements;
  EXPECT_EQ(statements, postgres() ? 2u : 0u) << "DROP and SET DEFAULT on PostgreSQL, nothing on SQLite";
  EXPECT_EQ(live_default("received_at"), postgres() ? "statement_timestamp()" : "CURRENT_TIMESTAMP");
  models_ = next;
  expect_database_holds_the_snapshot();
}

TEST_P(TypesPathTest, ValuesTheMemberCannotHoldAreErrorsNamingThePlace) {
  Session session(db());
  Document document = sample_document(0);
  document.owner_id.reset();
  session.add(document);
  session.commit();
  const std::string id = std::to_string(*document.id);
  session.exec_script("UPDATE type_documents SET steps = '[{\"name\": \"ok\"}, {\"name\": 5}]' WHERE id = " + id);
  session.commit();
  try {
    session.get<Document>(*document.id);
    FAIL() << "read a number into Step::name";
  } catch (const std::exception& error) {
    EXPECT_THAT(error.what(), HasSubstr("[1].name: expected a string"));
  }
  // 1.5 seconds do not fit a member in whole seconds.
  session.exec_script("UPDATE type_documents SET steps = '[]', timeout = " +
                  std::string(postgres() ? "'1.5 seconds'" : "'1970-01-01 00:00:01.500000'") + " WHERE id = " + id);
  session.commit();
  try {
    session.get<Document>(*document.id);
    FAIL() << "read 1.5 s into std::chrono::seconds";
  } catch (const std::exception& error) {
    EXPECT_THAT(error.what(), HasSubstr("a whole number of the member's duration unit"));
  }
}

TEST_P(TypesPathTest, SqliteAutoincrementNeverReusesAKeyAndBulkInsertSkipsGeneratedColumns) {
  Session session(db());
  std::vector<Owner> owners{{.name = "a"}, {.name = "b"}};
  session.add_all(owners);
  session.commit();
  session.remove(owners[1]);
  session.commit();
  Owner third{.name = "c"};
  session.add(third);
  session.commit();
  EXPECT_EQ(third.id, 3) << "the deleted key 2 is not handed out again";

  std::vector<Document> documents;
  for (int i = 0; i < 3; ++i) {
    Document document = sample_document(*third.id);
    document.body = std::string(static_cast<std::size_t>(i + 1), 'x');
    if (i == 1) document.status = "final";
    documents.push_back(document);
  }
  session.bulk_insert(documents);
  session.commit();
  auto rows = session.exec(select<Document>().order_by(col(&Document::id)));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].body_length, 1);
  EXPECT_EQ(rows[2].body_length, 3);
  EXPECT_EQ(rows[0].status, "draft");
  EXPECT_EQ(rows[1].status, "final");
  EXPECT_EQ(rows[2].status, "draft");
}

TEST_P(TypesPathTest, MirrorModelFieldsOfTheirOwnAreValidatedAndNeverStored) {
  try {
    from_json<OwnerCreate>(nlohmann::json{{"name", "Ada"}, {"password", "short"}});
    FAIL() << "a 5-character password passed .min_length = 8";
  } catch (const ValidationError& error) {
    EXPECT_THAT(error.what(), HasSubstr("password"));
  }
  auto create = from_json<OwnerCreate>(nlohmann::json{{"name", "Ada"}, {"password", "long enough"}});
  EXPECT_EQ(create.password, "long enough");
  Owner owner = from_create<Owner>(create);
  EXPECT_EQ(owner.name, "Ada");
  EXPECT_EQ(to_json(create)["password"], "long enough");
}

// One model holding a uuid_hex key, uuid tokens and (UuidGrant) a uuid_hex foreign key, on a
// connection opened without DatabaseOptions::sqlite_uuid: every path binds each column in its
// own form, which the raw SQL reads check by length (32 against 36 on SQLite).
TEST_P(TypesPathTest, EachUuidColumnIsWrittenComparedAndLoadedInItsOwnForm) {
  const UUID key = *UUID::parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
  const UUID other_key = *UUID::parse("00112233-4455-6677-8899-aabbccddeeff");
  const UUID token = *UUID::parse("0b6e8f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
  const UUID backup = *UUID::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  const std::string where_key = postgres() ? "id = '" + key.to_string() + "'" : "id = '" + key.to_hex() + "'";
  Session session(db());
  UuidAccount account{.id = key, .token = token, .backup_token = backup, .name = "ada"};
  UuidAccount other{.id = other_key, .token = backup, .name = "bob"};
  session.add(account);
  session.add(other);
  session.commit();
  UuidGrant read_grant{.account_id = key, .scope = "read"};
  UuidGrant write_grant{.account_id = key, .scope = "write"};
  UuidGrant other_grant{.account_id = other_key, .scope = "read"};
  session.add(read_grant);
  session.add(write_grant);
  session.add(other_grant);
  session.commit();

  // Insert: the key and the foreign key in 32 hex digits, the tokens in 36 characters.
  EXPECT_EQ(stored_uuid("type_uuid_accounts", "id", where_key), expected_uuid_text(key, SqliteUuid::hex));
  EXPECT_EQ(stored_uuid("type_uuid_accounts", "token", where_key), expected_uuid_text(token, SqliteUuid::text));
  EXPECT_EQ(stored_uuid("type_uuid_accounts", "backup_token", where_key), expected_uuid_text(backup, SqliteUuid::text));
  EXPECT_EQ(stored_uuid("type_uuid_grants", "account_id", "id = " + std::to_string(*read_grant.id)),
            expected_uuid_text(key, SqliteUuid::hex));
  if (!postgres()) {
    EXPECT_EQ(stored("SELECT CAST(length(id) AS TEXT) || ' ' || CAST(length(token) AS TEXT) FROM type_uuid_accounts "
                     "WHERE " + where_key),
              "32 36");
    EXPECT_EQ(stored("SELECT CAST(COUNT(*) AS TEXT) FROM type_uuid_grants WHERE length(account_id) = 32"), "3");
  }

  // Lookups by key: get, get_one, refresh.
  std::optional<UuidAccount> found = session.get<UuidAccount>(key);
  ASSERT_TRUE(found) << "get() binds the key in the key column's form";
  EXPECT_EQ(found->token, token);
  EXPECT_EQ(found->backup_token, backup);
  EXPECT_EQ(session.get_one<UuidAccount>(other_key).name, "bob");
  EXPECT_FALSE(session.get<UuidAccount>(token)) << "no account has the token as its key";

  // Where-values: ==, IN, on the key, a token, a nullable token and the foreign key.
  EXPECT_EQ(session.exec(select<UuidAccount>().where(col(&UuidAccount::id) == key)).size(), 1u);
  EXPECT_EQ(session.exec(select<UuidAccount>().where(col(&UuidAccount::token) == token)).size(), 1u);
  EXPECT_EQ(session.exec(select<UuidAccount>().where(col(&UuidAccount::backup_token) == backup)).size(), 1u);
  EXPECT_EQ(session.exec(select<UuidAccount>().where(col(&UuidAccount::id).in({key, other_key, token}))).size(), 2u);
  EXPECT_EQ(session.exec(select<UuidAccount>().where(col(&UuidAccount::token).in({token, backup}))).size(), 2u);
  EXPECT_EQ(session.exec(select<UuidGrant>().where(col(&UuidGrant::account_id) == key)).size(), 2u);
  EXPECT_EQ(session.exec(select<UuidGrant>().where(col(&UuidGrant::account_id).in({other_key}))).size(), 1u);
  auto aliased = alias<UuidAccount>("a");
  EXPECT_EQ(session.exec(select(aliased(&UuidAccount::name)).where(aliased(&UuidAccount::id) == key)).size(), 1u)
      << "an aliased column compares in its form too";

  // Relationship loaders: select-in both ways, joined, and load() on an object in hand.
  auto accounts = session.exec(select<UuidAccount>().order_by(col(&UuidAccount::name)).options(selectinload(&UuidAccount::grants)));
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[0].grants.get().size(), 2u) << "the hex keys travel in the hex form of the foreign key";
  EXPECT_EQ(accounts[1].grants.get().size(), 1u);
  auto grants = session.exec(select<UuidGrant>().order_by(col(&UuidGrant::id)).options(selectinload(&UuidGrant::account)));
  ASSERT_EQ(grants.size(), 3u);
  ASSERT_NE(grants[0].account.get(), nullptr);
  EXPECT_EQ(grants[0].account->token, token);
  EXPECT_EQ(grants[2].account->name, "bob");
  auto joined = session.exec(select<UuidAccount>().where(col(&UuidAccount::id) == key).options(joinedload(&UuidAccount::grants)));
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].grants.get().size(), 2u);
  UuidAccount in_hand = session.get_one<UuidAccount>(other_key);
  session.load(in_hand, &UuidAccount::grants);
  EXPECT_EQ(in_hand.grants.get().size(), 1u);

  // Update of the object, then by criteria: each column keeps its form.
  const UUID new_token = *UUID::parse("11111111-2222-4333-8444-555555555555");
  account.token = new_token;
  account.backup_token.reset();
  session.update(account);
  session.commit();
  EXPECT_EQ(stored_uuid("type_uuid_accounts", "token", where_key), expected_uuid_text(new_token, SqliteUuid::text));
  EXPECT_EQ(session.exec(update<UuidAccount>().set(&UuidAccount::backup_token, std::optional<UUID>(token))
                             .where(col(&UuidAccount::id) == key)),
            1);
  EXPECT_EQ(session.exec(update<UuidGrant>().set(&UuidGrant::account_id, other_key)
                             .where(col(&UuidGrant::account_id) == key && col(&UuidGrant::scope) == std::string("write"))),
            1);
  session.commit();
  EXPECT_EQ(stored_uuid("type_uuid_accounts", "backup_token", where_key), expected_uuid_text(token, SqliteUuid::text));
  EXPECT_EQ(stored_uuid("type_uuid_grants", "account_id", "id = " + std::to_string(*write_grant.id)),
            expected_uuid_text(other_key, SqliteUuid::hex));
  session.refresh(account);
  EXPECT_EQ(account.backup_token, token) << "refresh() finds the row by its hex key";

  // Delete by key; the cascade to the grants matches the hex foreign key.
  session.delete_(account);
  session.commit();
  EXPECT_FALSE(session.get<UuidAccount>(key));
  EXPECT_EQ(stored("SELECT CAST(COUNT(*) AS TEXT) FROM type_uuid_grants"), "2") << "the read grant went with its account";
  session.delete_(other_grant);
  session.commit();
  EXPECT_EQ(stored("SELECT CAST(COUNT(*) AS TEXT) FROM type_uuid_grants"), "1");
  expect_database_holds_the_snapshot();
}

// A value of the other form (a row another program wrote) is read; a text() parameter, which no
// column describes, is bound in the connection's DatabaseOptions::sqlite_uuid form.
TEST_P(TypesPathTest, UuidsOfEitherFormAreReadAndTextParametersTakeTheConnectionsForm) {
  const UUID key = *UUID::parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
  const UUID token = *UUID::parse("0b6e8f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
  {
    Session session(db());
    // The key written in 36 characters and the token in 32 hex digits: the other forms.
    session.exec_script("INSERT INTO type_uuid_accounts (id, token, name) VALUES ('" + key.to_string() + "', '" +
                        token.to_hex() + "', 'raw')");
    session.commit();
    auto accounts = session.exec(select<UuidAccount>());
    ASSERT_EQ(accounts.size(), 1u);
    EXPECT_EQ(accounts[0].id, key);
    EXPECT_EQ(accounts[0].token, token);
    session.exec_script("DELETE FROM type_uuid_accounts");
    session.commit();
  }

  Session session(db());
  UuidAccount account{.id = key, .token = token, .name = "ada"};
  session.add(account);
  session.commit();
  const std::string by_key = "SELECT name FROM type_uuid_accounts WHERE id = :id";
  const std::string by_token = "SELECT name FROM type_uuid_accounts WHERE token = :token";
  // The default connection form is 36 characters: it finds the token, and not the hex key on
  // SQLite; PostgreSQL's native uuid compares values.
  EXPECT_EQ(session.exec(text<std::tuple<std::string>>(by_token).bind("token", token)).size(), 1u);
  EXPECT_EQ(session.exec(text<std::tuple<std::string>>(by_key).bind("id", key)).size(), postgres() ? 1u : 0u);
  session.commit();
  Database hex_database = Database::open(url_, {.sqlite_uuid = SqliteUuid::hex});
  Session hex_session(hex_database);
  EXPECT_EQ(hex_session.exec(text<std::tuple<std::string>>(by_key).bind("id", key)).size(), 1u);
  // Columns keep their own form on that connection too.
  UuidAccount second{.id = *UUID::parse("00112233-4455-6677-8899-aabbccddeeff"), .token = key, .name = "bob"};
  hex_session.add(second);
  hex_session.commit();
  EXPECT_EQ(stored_uuid("type_uuid_accounts", "token", "name = 'bob'"), expected_uuid_text(key, SqliteUuid::text));
  EXPECT_EQ(hex_session.exec(select<UuidAccount>().where(col(&UuidAccount::token) == key)).size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, TypesPathTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::types
