// Removing an enum value on PostgreSQL rebuilds the type, and every column of it is converted:
// what depends on such a column (a partial or expression index, a CHECK, a default, views over
// it and views over those) used to make the conversion fail with "operator does not exist:
// poststatus = poststatus__sqlmodel_old". Each kind of dependent, on a real server: it is
// dropped and recreated around the type swap in the migration's transaction, and it works on
// the new type afterwards; a row still holding the removed value rolls everything back.
#include <string>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "schema/ddl.hpp"
#include "schema/render_operations.hpp"
#include "schema/snapshot_json.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing {
namespace {

using schema::Dialect;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// posts(status poststatus DEFAULT 'draft') with a partial index on published posts and a CHECK
// that published posts have a title, as the models declare them.
constexpr const char* models = R"json({
  "format": 1,
  "enums": [{"name": "poststatus", "values": ["draft", "published", "archived"]}],
  "tables": [{
    "name": "posts",
    "columns": [
      {"name": "id", "type": "int64", "nullable": false, "autoincrement": true},
      {"name": "title", "type": "string(100)", "nullable": true},
      {"name": "status", "type": "enum(poststatus)", "nullable": false, "server_default": "'draft'"},
      {"name": "tags", "type": "array(enum(poststatus))", "nullable": true}
    ],
    "primary_key": {"name": "pk_posts", "columns": ["id"]},
    "check_constraints": [{"name": "ck_posts_published_titled", "expression": "status <> 'published' OR title IS NOT NULL"}],
    "indexes": [{"name": "ix_posts_published", "columns": ["id"], "where": "status = 'published'"}]
  }]
})json";

class PostgresEnumDependents : public ::testing::Test {
 protected:
  void SetUp() override {
    SQLMODEL_REQUIRE_POSTGRES(url);
    connection_ = db::connect(url);
    schema_name_ = "enum_dependents_" + std::to_string(::getpid());
    const std::string quoted = schema::quote_identifier(Dialect::postgresql, schema_name_);
    connection_->execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE; CREATE SCHEMA " + quoted +
                         "; SET search_path TO " + quoted);
    model_ = schema::read_snapshot(models, "models.schema.json");
    for (const auto& statement : schema::render_create_all(model_, Dialect::postgresql)) connection_->execute(statement);
    // What the models do not declare, made by hand or by a sql step: an expression index, a
    // second CHECK, views over the column, a view over a view, a materialized view.
    connection_->execute(
        "CREATE INDEX ix_posts_is_published ON posts ((status = 'published')) WHERE status <> 'draft';"
        "ALTER TABLE posts ADD CONSTRAINT ck_posts_tags_known CHECK (NOT ('draft' = ANY (tags)) OR status = 'draft' OR "
        "status = 'published');"
        "CREATE VIEW published_posts AS SELECT id, title, status FROM posts WHERE status = 'published';"
        "CREATE VIEW published_titles AS SELECT title FROM published_posts WHERE status <> 'draft';"
        "CREATE MATERIALIZED VIEW status_counts AS SELECT status, count(*) AS n FROM posts GROUP BY status;"
        "INSERT INTO posts (title, status, tags) VALUES ('a', 'published', '{draft,published}'), ('b', 'draft', NULL);");
  }
  void TearDown() override {
    if (connection_)
      connection_->execute("DROP SCHEMA IF EXISTS " + schema::quote_identifier(Dialect::postgresql, schema_name_) +
                           " CASCADE");
  }

  std::string scalar(const std::string& sql) {
    auto rows = connection_->query(sql).rows;
    return rows.empty() || !rows[0][0] ? "" : *rows[0][0];
  }

  // Runs the removal in one transaction, as the apply engine does.
  void remove_value(const std::string& value, std::size_t position) {
    const auto step = schema::render_operation(schema::RemoveEnumValue{"poststatus", value, position}, model_,
                                               Dialect::postgresql);
    connection_->begin();
    try {
      for (const auto& statement : step.statements) connection_->execute(statement);
      connection_->commit();
    } catch (...) {
      connection_->rollback();
      throw;
    }
  }

  std::unique_ptr<db::Connection> connection_;
  std::string schema_name_;
  schema::Schema model_;
};

TEST_F(PostgresEnumDependents, EveryKindOfDependentSurvivesTheTypeSwap) {
  ASSERT_NO_THROW(remove_value("archived", 2));

  EXPECT_EQ(scalar("SELECT array_to_string(enum_range(NULL::poststatus), ',')"), "draft,published");
  // The old type is gone; the new one has its array type.
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_type WHERE typname LIKE '%sqlmodel_old%'"), "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_type WHERE typname IN ('poststatus', '_poststatus')"), "2");
  // The default, on the new type.
  EXPECT_EQ(scalar("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'posts'::regclass AND "
                   "adnum = (SELECT attnum FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attname = 'status')"),
            "'draft'::poststatus");
  connection_->execute("INSERT INTO posts (title) VALUES ('c')");
  EXPECT_EQ(scalar("SELECT status FROM posts WHERE title = 'c'"), "draft");
  // Both indexes, with their predicates.
  EXPECT_THAT(scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_posts_published'"),
              HasSubstr("WHERE (status = 'published'::poststatus)"));
  EXPECT_THAT(scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_posts_is_published'"),
              HasSubstr("(status = 'published'::poststatus)"));
  // Both CHECKs, enforced.
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype = 'c'"), "2");
  EXPECT_THROW(connection_->execute("INSERT INTO posts (title, status) VALUES (NULL, 'published')"), DatabaseError);
  // The views, over the new type, in dependency order, with their rows.
  EXPECT_EQ(scalar("SELECT string_agg(title, ',' ORDER BY title) FROM published_titles"), "a");
  EXPECT_EQ(scalar("SELECT count(*) FROM published_posts"), "1");
  EXPECT_EQ(scalar("SELECT sum(n) FROM status_counts"), "2");  // refreshed when recreated
  EXPECT_EQ(scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                   "'published_posts'::regclass AND attname = 'status'"),
            "poststatus");
  // Nothing of the swap is left behind.
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'sqlmodel_enum_dependents%'"), "0");
}

TEST_F(PostgresEnumDependents, ARowHoldingTheValueRollsEverythingBack) {
  connection_->execute("INSERT INTO posts (title, status) VALUES ('old', 'archived')");
  try {
    remove_value("archived", 2);
    FAIL() << "a row still holds the removed value";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr("archived"));
  }
  EXPECT_EQ(scalar("SELECT array_to_string(enum_range(NULL::poststatus), ',')"), "draft,published,archived");
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_views WHERE viewname IN ('published_posts', 'published_titles')"), "2");
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_indexes WHERE indexname IN ('ix_posts_published', 'ix_posts_is_published')"), "2");
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype = 'c'"), "2");
}

TEST_F(PostgresEnumDependents, AViewUsingTheRemovedValueStopsTheMigrationNamingIt) {
  connection_->execute("CREATE VIEW archived_posts AS SELECT id FROM posts WHERE status = 'archived'");
  try {
    remove_value("archived", 2);
    FAIL() << "a view comparing with the removed value was recreated";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr("archived"));
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_views WHERE viewname = 'archived_posts'"), "1");
  EXPECT_EQ(scalar("SELECT array_to_string(enum_range(NULL::poststatus), ',')"), "draft,published,archived");
}

}  // namespace
}  // namespace sqlmodel::testing
