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

class TypesPathTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    // On PostgreSQL a schema of its own, first on every pooled connection's search_path:
    // check() compares the whole schema, and the other suites (and this suite's other tests,
    // which run at the same time) leave their tables elsewhere.
    if (GetParam() == Backend::postgres) schema_ = "sqlmodel_types_path_" + std::to_string(::getpid());
    SQLMODEL_REQUIRE_DATABASE(url, GetParam(), schema_);
    // The models store their UUID in SQLAlchemy's form on SQLite (.sql_type = "uuid_hex").
    database_.emplace(Database::open(url, {.sqlite_uuid = SqliteUuid::hex}));
    database_->exec_script("DROP TABLE IF EXISTS type_documents; DROP TABLE IF EXISTS type_owners;");
    models_ = schema::read_snapshot_file(SQLMODEL_TYPES_SNAPSHOT);
    migrate_from_nothing();
  }

  void TearDown() override {
    database_.reset();
    if (!schema_.empty())
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

  std::string schema_;  // PostgreSQL: the test's own schema
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

INSTANTIATE_TEST_SUITE_P(Backends, TypesPathTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::types
