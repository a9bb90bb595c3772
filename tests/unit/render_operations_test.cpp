// The exact SQL each operation renders to, on both dialects. The integration tests
// (tests/integration/render_operations_*_test.cpp) run the same kinds of operations on real
// databases; these pin down the text a reviewer reads in `sqlmodel-migrate sql`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "schema/naming.hpp"
#include "schema/render_ddl_fragments.hpp"
#include "schema/render_operations.hpp"

namespace sqlmodel::schema {
namespace {

using Statements = std::vector<std::string>;

ColumnType type_of(TypeKind kind, std::optional<int> max_length = std::nullopt) {
  ColumnType type;
  type.kind = kind;
  type.max_length = max_length;
  return type;
}

ColumnType enum_of(std::string name) {
  ColumnType type = type_of(TypeKind::enumeration);
  type.enum_name = std::move(name);
  return type;
}

Column column(std::string name, ColumnType type, bool nullable) {
  Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  return result;
}

Column id_column() {
  Column id = column("id", type_of(TypeKind::int64), false);
  id.autoincrement = true;
  return id;
}

// teams(id, name UNIQUE); users(id, email, team_id -> teams, status enum, score) with a
// unique index on email.
Schema base_schema() {
  Schema schema;
  schema.enums.push_back({"status", {"draft", "active", "done"}, {}});

  Table teams;
  teams.name = "teams";
  teams.columns = {id_column(), column("name", type_of(TypeKind::string, 100), false)};
  teams.primary_key = PrimaryKey{naming::primary_key("teams"), {"id"}};
  teams.unique_constraints.push_back({naming::unique("teams", {"name"}), {"name"}, {}});
  schema.tables.push_back(teams);

  Table users;
  users.name = "users";
  Column status = column("status", enum_of("status"), false);
  status.server_default = "'draft'";
  users.columns = {id_column(), column("email", type_of(TypeKind::string, 255), false),
                   column("team_id", type_of(TypeKind::int64), true), status,
                   column("score", type_of(TypeKind::int32), true)};
  users.primary_key = PrimaryKey{naming::primary_key("users"), {"id"}};
  ForeignKey team;
  team.name = naming::foreign_key("users", {"team_id"}, "teams");
  team.columns = {"team_id"};
  team.referred_table = "teams";
  team.referred_columns = {"id"};
  team.on_delete = ReferentialAction::set_null;
  users.foreign_keys.push_back(team);
  Index email;
  email.name = naming::index("users", {"email"});
  email.columns = {"email"};
  email.unique = true;
  users.indexes.push_back(email);
  schema.tables.push_back(users);
  sort_canonically(schema);
  return schema;
}

Column column_of(const Schema& schema, std::string_view table, std::string_view name) {
  return *schema.find_table(table)->find_column(name);
}

RenderedStep render(const Operation& operation, Dialect dialect) {
  return render_operation(operation, base_schema(), dialect);
}

Statements postgres(const Operation& operation) { return render(operation, Dialect::postgresql).statements; }
Statements sqlite(const Operation& operation) { return render(operation, Dialect::sqlite).statements; }

AlterColumn alter_score(const std::function<void(Column&)>& change) {
  const Column score = column_of(base_schema(), "users", "score");
  Column changed = score;
  change(changed);
  return AlterColumn{"users", score, changed};
}

// ---- PostgreSQL --------------------------------------------------------------------------

TEST(RenderPostgres, AddNullableColumn) {
  EXPECT_EQ(postgres(AddColumn{"users", column("nickname", type_of(TypeKind::string, 50), true), {}}),
            Statements{R"(ALTER TABLE "users" ADD COLUMN "nickname" VARCHAR(50))"});
}

TEST(RenderPostgres, AddNotNullColumnWithServerDefaultAndComment) {
  Column age = column("age", type_of(TypeKind::int32), false);
  age.server_default = "0";
  age.comment = "Years";
  EXPECT_EQ(postgres(AddColumn{"users", age, {}}),
            (Statements{R"(ALTER TABLE "users" ADD COLUMN "age" INTEGER NOT NULL DEFAULT 0)",
                        R"(COMMENT ON COLUMN "users"."age" IS 'Years')"}));
}

TEST(RenderPostgres, DropAndRenameColumn) {
  EXPECT_EQ(postgres(DropColumn{"users", column_of(base_schema(), "users", "score"), 4}),
            Statements{R"(ALTER TABLE "users" DROP COLUMN "score")"});
  EXPECT_EQ(postgres(RenameColumn{"users", "score", "points"}),
            Statements{R"(ALTER TABLE "users" RENAME COLUMN "score" TO "points")"});
}

TEST(RenderPostgres, ChangeTypeConvertsWithUsing) {
  EXPECT_EQ(postgres(alter_score([](Column& c) { c.type = type_of(TypeKind::int64); })),
            Statements{R"(ALTER TABLE "users" ALTER COLUMN "score" TYPE BIGINT USING "score"::BIGINT)"});
}

TEST(RenderPostgres, NotNullWithDefaultFillsNullsFirst) {
  EXPECT_EQ(postgres(alter_score([](Column& c) {
              c.nullable = false;
              c.server_default = "0";
            })),
            (Statements{R"(ALTER TABLE "users" ALTER COLUMN "score" SET DEFAULT 0)",
                        R"(UPDATE "users" SET "score" = 0 WHERE "score" IS NULL)",
                        R"(ALTER TABLE "users" ALTER COLUMN "score" SET NOT NULL)"}));
}

TEST(RenderPostgres, TypeChangeMovesTheDefaultAroundIt) {
  const Column status = column_of(base_schema(), "users", "status");
  Column as_text = status;
  as_text.type = type_of(TypeKind::string, 20);
  EXPECT_EQ(postgres(AlterColumn{"users", status, as_text}),
            (Statements{R"(ALTER TABLE "users" ALTER COLUMN "status" DROP DEFAULT)",
                        R"(ALTER TABLE "users" ALTER COLUMN "status" TYPE VARCHAR(20) USING "status"::text::VARCHAR(20))",
                        R"(ALTER TABLE "users" ALTER COLUMN "status" SET DEFAULT 'draft')"}));
}

TEST(RenderPostgres, DropNotNullAndComment) {
  const Column email = column_of(base_schema(), "users", "email");
  Column relaxed = email;
  relaxed.nullable = true;
  relaxed.comment = "it's optional";
  EXPECT_EQ(postgres(AlterColumn{"users", email, relaxed}),
            (Statements{R"(ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL)",
                        R"(COMMENT ON COLUMN "users"."email" IS 'it''s optional')"}));
}

TEST(RenderPostgres, IdentityAddedAndDropped) {
  AlterColumn add_identity = alter_score([](Column& c) {
    c.nullable = false;
    c.autoincrement = true;
  });
  EXPECT_EQ(postgres(add_identity),
            (Statements{R"(ALTER TABLE "users" ALTER COLUMN "score" SET NOT NULL)",
                        R"(ALTER TABLE "users" ALTER COLUMN "score" ADD GENERATED BY DEFAULT AS IDENTITY)",
                        R"(SELECT setval(pg_get_serial_sequence('"users"', 'score'), COALESCE(MAX("score"), 0) + 1, false) FROM "users")"}));
  const Column id = column_of(base_schema(), "teams", "id");
  Column plain = id;
  plain.autoincrement = false;
  EXPECT_EQ(postgres(AlterColumn{"teams", id, plain}),
            Statements{R"(ALTER TABLE "teams" ALTER COLUMN "id" DROP IDENTITY)"});
}

TEST(RenderPostgres, Indexes) {
  Index partial;
  partial.name = naming::index("users", {"team_id", "score"});
  partial.columns = {"team_id", "score"};
  partial.where = "score IS NOT NULL";
  partial.method = "brin";
  EXPECT_EQ(postgres(CreateIndex{"users", partial}),
            Statements{R"(CREATE INDEX "ix_users_team_id_score" ON "users" USING "brin" ("team_id", "score") WHERE score IS NOT NULL)"});
  const Index email = base_schema().find_table("users")->indexes.front();
  EXPECT_EQ(postgres(DropIndex{"users", email}), Statements{R"(DROP INDEX "ix_users_email")"});
}

TEST(RenderPostgres, Constraints) {
  UniqueConstraint unique{naming::unique("users", {"team_id", "email"}), {"team_id", "email"}, {}};
  EXPECT_EQ(postgres(AddUniqueConstraint{"users", unique}),
            Statements{R"(ALTER TABLE "users" ADD CONSTRAINT "uq_users_team_id_email" UNIQUE ("team_id", "email"))"});
  CheckConstraint check{naming::check("users", "score_positive"), "score > 0", {}};
  EXPECT_EQ(postgres(AddCheckConstraint{"users", check}),
            Statements{R"(ALTER TABLE "users" ADD CONSTRAINT "ck_users_score_positive" CHECK (score > 0))"});
  const ForeignKey team = base_schema().find_table("users")->foreign_keys.front();
  EXPECT_EQ(postgres(DropForeignKey{"users", team}),
            Statements{R"(ALTER TABLE "users" DROP CONSTRAINT "fk_users_team_id_teams")"});
  Schema without_key = base_schema();
  without_key.find_table("users")->foreign_keys.clear();
  EXPECT_EQ(render_operation(AddForeignKey{"users", team}, without_key, Dialect::postgresql).statements,
            Statements{R"(ALTER TABLE "users" ADD CONSTRAINT "fk_users_team_id_teams" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE SET NULL)"});
}

TEST(RenderPostgres, Tables) {
  Table tags;
  tags.name = "tags";
  tags.comment = "Labels";
  tags.columns = {id_column(), column("label", type_of(TypeKind::string, 30), false)};
  tags.primary_key = PrimaryKey{"pk_tags", {"id"}};
  Index label;
  label.name = "ix_tags_label";
  label.columns = {"label"};
  tags.indexes.push_back(label);
  EXPECT_EQ(postgres(CreateTable{tags}),
            (Statements{"CREATE TABLE \"tags\" (\n"
                        "  \"id\" BIGINT NOT NULL GENERATED BY DEFAULT AS IDENTITY,\n"
                        "  \"label\" VARCHAR(30) NOT NULL,\n"
                        "  CONSTRAINT \"pk_tags\" PRIMARY KEY (\"id\")\n"
                        ")",
                        R"(COMMENT ON TABLE "tags" IS 'Labels')",
                        R"(CREATE INDEX "ix_tags_label" ON "tags" ("label"))"}));
  EXPECT_EQ(postgres(RenameTable{"teams", "groups"}),
            Statements{R"(ALTER TABLE "teams" RENAME TO "groups")"});
  // Renamed in place: the index keeps its storage, no drop and re-create.
  EXPECT_EQ(postgres(RenameIndex{"users", "ix_users_email", "ix_people_email"}),
            Statements{R"(ALTER INDEX "ix_users_email" RENAME TO "ix_people_email")"});
  EXPECT_EQ(postgres(RenameConstraint{"teams", "pk_teams", "pk_groups"}),
            Statements{R"(ALTER TABLE "teams" RENAME CONSTRAINT "pk_teams" TO "pk_groups")"});
  Schema schema = base_schema();
  schema.tables.erase(schema.tables.begin());  // users, without the teams its key refers to
  schema.find_table("users")->foreign_keys.clear();
  EXPECT_EQ(render_operation(DropTable{*schema.find_table("users")}, schema, Dialect::postgresql).statements,
            Statements{R"(DROP TABLE "users")"});
}

TEST(RenderPostgres, EnumValueAddedBeforeOrAfter) {
  EXPECT_EQ(postgres(AddEnumValue{"status", "review", 1}),
            Statements{R"(ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'review' BEFORE 'active')"});
  EXPECT_EQ(postgres(AddEnumValue{"status", "archived", 3}),
            Statements{R"(ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'archived' AFTER 'done')"});
  // The value must be committed before the rest of the migration can use it.
  EXPECT_TRUE(render_operation(AddEnumValue{"status", "archived", 3}, base_schema(), Dialect::postgresql)
                  .outside_transaction);
}

TEST(RenderPostgres, EnumValueRemovedByRecreatingTheType) {
  Statements statements = postgres(RemoveEnumValue{"status", "done", 2});
  ASSERT_EQ(statements.size(), 8u);
  // First and last: the blocks that drop what depends on the type's columns (indexes, CHECKs,
  // defaults, views; tests/integration/postgres_enum_dependents_test.cpp) and recreate it.
  EXPECT_THAT(statements.front(), ::testing::StartsWith("DO $sqlmodel$"));
  EXPECT_THAT(statements.front(), ::testing::HasSubstr("to_regtype('\"status\"')"));
  EXPECT_THAT(statements.back(), ::testing::StartsWith("DO $sqlmodel$"));
  EXPECT_EQ(Statements(statements.begin() + 1, statements.end() - 1),
            (Statements{R"(ALTER TYPE "status" RENAME TO "status__sqlmodel_old")",
                        R"(CREATE TYPE "status" AS ENUM ('draft', 'active'))",
                        R"(ALTER TABLE "users" ALTER COLUMN "status" DROP DEFAULT)",
                        R"(ALTER TABLE "users" ALTER COLUMN "status" TYPE "status" USING "status"::text::"status")",
                        R"(ALTER TABLE "users" ALTER COLUMN "status" SET DEFAULT 'draft')",
                        R"(DROP TYPE "status__sqlmodel_old")"}));
}

TEST(RenderPostgres, EnumTypes) {
  EnumType color{"color", {"red", "green"}, {}};
  EXPECT_EQ(postgres(CreateEnum{color}),
            Statements{R"(CREATE TYPE "color" AS ENUM ('red', 'green'))"});
  Schema with_color = base_schema();
  with_color.enums.push_back(color);
  EXPECT_EQ(render_operation(DropEnum{color}, with_color, Dialect::postgresql).statements,
            Statements{R"(DROP TYPE "color")"});
}

TEST(RenderPostgres, SqlStepPicksItsDialect) {
  SqlStep step;
  step.sql = "UPDATE users SET score = 0";
  step.dialect_sql[Dialect::sqlite] = "UPDATE users SET score = 1";
  EXPECT_EQ(postgres(step), Statements{"UPDATE users SET score = 0"});
  EXPECT_EQ(sqlite(step), Statements{"UPDATE users SET score = 1"});
}

// ---- SQLite ------------------------------------------------------------------------------

// ---- online forms ------------------------------------------------------------------------

TEST(RenderPostgres, ConcurrentIndexesRunOutsideTheTransaction) {
  Index score;
  score.name = naming::index("users", {"score"});
  score.columns = {"score"};
  RenderedStep create = render(CreateIndex{"users", score, true}, Dialect::postgresql);
  EXPECT_EQ(create.statements, Statements{R"(CREATE INDEX CONCURRENTLY "ix_users_score" ON "users" ("score"))"});
  EXPECT_TRUE(create.outside_transaction);
  EXPECT_EQ(create.builds_index, "ix_users_score");
  const Index email = base_schema().find_table("users")->indexes.front();
  RenderedStep drop = render(DropIndex{"users", email, true}, Dialect::postgresql);
  EXPECT_EQ(drop.statements, Statements{R"(DROP INDEX CONCURRENTLY IF EXISTS "ix_users_email")"});
  EXPECT_TRUE(drop.outside_transaction);
  // SQLite has no such thing: the same statements as without.
  EXPECT_EQ(sqlite(CreateIndex{"users", score, true}), sqlite(CreateIndex{"users", score}));
  EXPECT_FALSE(render(CreateIndex{"users", score, true}, Dialect::sqlite).outside_transaction);
}

TEST(RenderPostgres, NotValidThenValidateInItsOwnTransaction) {
  CheckConstraint check{naming::check("users", "score_positive"), "score > 0", {}};
  EXPECT_EQ(postgres(AddCheckConstraint{"users", check, true}),
            Statements{R"(ALTER TABLE "users" ADD CONSTRAINT "ck_users_score_positive" CHECK (score > 0) NOT VALID)"});
  Schema with_check = base_schema();
  with_check.find_table("users")->check_constraints.push_back(check);
  RenderedStep validate =
      render_operation(ValidateConstraint{"users", check.name}, with_check, Dialect::postgresql);
  EXPECT_EQ(validate.statements,
            Statements{R"(ALTER TABLE "users" VALIDATE CONSTRAINT "ck_users_score_positive")"});
  EXPECT_TRUE(validate.own_transaction);
  EXPECT_TRUE(render_operation(ValidateConstraint{"users", check.name}, with_check, Dialect::sqlite).statements.empty());
  const ForeignKey team = base_schema().find_table("users")->foreign_keys.front();
  Schema without_key = base_schema();
  without_key.find_table("users")->foreign_keys.clear();
  EXPECT_EQ(render_operation(AddForeignKey{"users", team, true}, without_key, Dialect::postgresql).statements,
            Statements{R"(ALTER TABLE "users" ADD CONSTRAINT "fk_users_team_id_teams" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE SET NULL NOT VALID)"});
}

TEST(RenderPostgres, UniqueConstraintTakesOverAConcurrentlyBuiltIndex) {
  Schema with_index = base_schema();
  Index index;
  index.name = "uq_users_score";
  index.columns = {"score"};
  index.unique = true;
  with_index.find_table("users")->indexes.push_back(index);
  sort_canonically(with_index);
  UniqueConstraint unique{"uq_users_score", {"score"}, {}};
  EXPECT_EQ(render_operation(AddUniqueConstraint{"users", unique, "uq_users_score"}, with_index, Dialect::postgresql)
                .statements,
            Statements{R"(ALTER TABLE "users" ADD CONSTRAINT "uq_users_score" UNIQUE USING INDEX "uq_users_score")"});
}

TEST(RenderPostgres, NotNullColumnIsFilledFromTheModelDefaultWithoutKeepingIt) {
  Column locale = column("locale", type_of(TypeKind::string, 10), false);
  locale.default_value = "\"en\"";
  EXPECT_EQ(postgres(AddColumn{"users", locale, {}, true}),
            (Statements{R"(ALTER TABLE "users" ADD COLUMN "locale" VARCHAR(10) NOT NULL DEFAULT 'en')",
                        R"(ALTER TABLE "users" ALTER COLUMN "locale" DROP DEFAULT)"}));
  Column seen = column("seen_at", type_of(TypeKind::datetime), false);
  seen.default_factory = "now";
  EXPECT_EQ(postgres(AddColumn{"users", seen, {}, true}).front(),
            R"(ALTER TABLE "users" ADD COLUMN "seen_at" TIMESTAMP WITHOUT TIME ZONE NOT NULL DEFAULT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC'))");
  Column active = column("active", type_of(TypeKind::boolean), false);
  active.default_value = "true";
  EXPECT_EQ(postgres(AddColumn{"users", active, {}, true}).front(),
            R"(ALTER TABLE "users" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT TRUE)");
}

TEST(RenderSqlite, NotNullColumnIsFilledFromTheModelDefaultByTheRebuild) {
  Column locale = column("locale", type_of(TypeKind::string, 10), false);
  locale.default_value = "\"en\"";
  Statements statements = sqlite(AddColumn{"teams", locale, {}, true});
  ASSERT_GE(statements.size(), 2u);
  EXPECT_EQ(statements[0].find("DEFAULT"), std::string::npos) << statements[0];
  EXPECT_EQ(statements[1], R"(INSERT INTO "_sqlmodel_new_teams" ("id", "name", "locale") SELECT "id", "name", 'en' FROM "teams")");
}

TEST(RenderSqlite, AColumnAddedMidTableIsAppendedWithoutARebuild) {
  // The models declare it second; SQLite appends it, and the table is not rebuilt for the order.
  RenderedStep step = render(AddColumn{"users", column("nickname", type_of(TypeKind::string, 50), true), 1}, Dialect::sqlite);
  EXPECT_EQ(step.statements, Statements{R"(ALTER TABLE "users" ADD COLUMN "nickname" VARCHAR(50))"});
  EXPECT_FALSE(step.needs_foreign_keys_off);
}

TEST(RenderPostgres, SyncTriggerCopiesEachWayWithCasts) {
  Schema schema = base_schema();
  schema.find_table("users")->columns.push_back(column("score64", type_of(TypeKind::int64), true));
  RenderedStep step = render_operation(CreateSyncTrigger{"users", "score", "score64"}, schema, Dialect::postgresql);
  ASSERT_EQ(step.statements.size(), 2u);
  const std::string& function = step.statements[0];
  EXPECT_NE(function.find(R"(CREATE OR REPLACE FUNCTION "sqlmodel_sync_users_score_score64"())"), std::string::npos);
  EXPECT_NE(function.find(R"(NEW."score64" := (NEW."score")::BIGINT)"), std::string::npos) << function;
  EXPECT_NE(function.find(R"(NEW."score" := (NEW."score64")::INTEGER)"), std::string::npos) << function;
  EXPECT_EQ(step.statements[1],
            R"(CREATE TRIGGER "sqlmodel_sync_users_score_score64" BEFORE INSERT OR UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "sqlmodel_sync_users_score_score64"())");
  EXPECT_EQ(render_operation(DropSyncTrigger{"users", "score", "score64"}, schema, Dialect::postgresql).statements,
            (Statements{R"(DROP TRIGGER IF EXISTS "sqlmodel_sync_users_score_score64" ON "users")",
                        R"(DROP FUNCTION IF EXISTS "sqlmodel_sync_users_score_score64"())"}));
  EXPECT_EQ(render_operation(CreateSyncTrigger{"users", "score", "score64"}, schema, Dialect::sqlite).statements.size(), 2u);
}

TEST(RenderPostgres, BackfillIsBatchedByPrimaryKey) {
  Backfill backfill;
  backfill.table = "users";
  backfill.set["score"] = "0";
  backfill.where = "\"score\" IS NULL";
  backfill.batch_size = 100;
  RenderedStep step = render(backfill, Dialect::postgresql);
  EXPECT_TRUE(step.statements.empty());
  ASSERT_TRUE(step.backfill);
  EXPECT_EQ(step.backfill->key_columns, Statements{"id"});
  // The batch's size is the last parameter (the engine shrinks batches that hold locks too long).
  EXPECT_EQ(step.backfill->batch_size, 100u);
  EXPECT_EQ(step.backfill->first_bound, R"(SELECT "id" FROM "users" ORDER BY "id" LIMIT 1 OFFSET $1)");
  EXPECT_EQ(step.backfill->next_bound, R"(SELECT "id" FROM "users" WHERE "id" > $1 ORDER BY "id" LIMIT 1 OFFSET $2)");
  EXPECT_EQ(step.backfill->update_next,
            R"(WITH updated AS (UPDATE "users" SET "score" = (0) WHERE "id" > $1 AND "id" <= $2 AND ("score" IS NULL) RETURNING 1) SELECT count(*) FROM updated)");
  EXPECT_EQ(step.backfill->one_statement, R"(UPDATE "users" SET "score" = (0) WHERE ("score" IS NULL))");
  RenderedStep lite = render(backfill, Dialect::sqlite);
  ASSERT_TRUE(lite.backfill);
  EXPECT_EQ(lite.backfill->update_rest, R"(UPDATE "users" SET "score" = (0) WHERE "id" > ?1 AND ("score" IS NULL))");
  EXPECT_EQ(lite.backfill->count_changes, "SELECT changes()");
}

TEST(RenderSqlite, AddColumnUsesAlterWhenSqliteAllowsIt) {
  RenderedStep nullable =
      render(AddColumn{"users", column("nickname", type_of(TypeKind::string, 50), true), {}}, Dialect::sqlite);
  EXPECT_EQ(nullable.statements, Statements{R"(ALTER TABLE "users" ADD COLUMN "nickname" VARCHAR(50))"});
  EXPECT_FALSE(nullable.needs_foreign_keys_off);

  Column age = column("age", type_of(TypeKind::int32), false);
  age.server_default = "0";
  EXPECT_EQ(sqlite(AddColumn{"users", age, {}}),
            Statements{R"(ALTER TABLE "users" ADD COLUMN "age" INTEGER NOT NULL DEFAULT 0)"});
}

TEST(RenderSqlite, AddColumnWithNonConstantDefaultRebuilds) {
  Column stamp = column("seen_at", type_of(TypeKind::datetime), false);
  stamp.server_default = "CURRENT_TIMESTAMP";
  RenderedStep step = render(AddColumn{"teams", stamp, {}}, Dialect::sqlite);
  EXPECT_TRUE(step.needs_foreign_keys_off);
  EXPECT_EQ(step.statements,
            (Statements{"CREATE TABLE \"_sqlmodel_new_teams\" (\n"
                        "  \"id\" INTEGER NOT NULL,\n"
                        "  \"name\" VARCHAR(100) NOT NULL,\n"
                        "  \"seen_at\" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                        "  CONSTRAINT \"pk_teams\" PRIMARY KEY (\"id\"),\n"
                        "  CONSTRAINT \"uq_teams_name\" UNIQUE (\"name\")\n"
                        ")",
                        R"(INSERT INTO "_sqlmodel_new_teams" ("id", "name") SELECT "id", "name" FROM "teams")",
                        R"(DROP TABLE "teams")",
                        "PRAGMA legacy_alter_table = ON",
                        R"(ALTER TABLE "_sqlmodel_new_teams" RENAME TO "teams")",
                        "PRAGMA legacy_alter_table = OFF"}));
  EXPECT_EQ(step.rebuilt_tables, Statements{"teams"});
}

TEST(RenderSqlite, AddEnumColumnRebuildsForItsCheck) {
  RenderedStep step = render(AddColumn{"teams", column("state", enum_of("status"), true), {}}, Dialect::sqlite);
  ASSERT_FALSE(step.statements.empty());
  EXPECT_TRUE(step.needs_foreign_keys_off);
  EXPECT_NE(step.statements.front().find(
                R"(CONSTRAINT "ck_teams_state_enum" CHECK ("state" IN ('draft', 'active', 'done')))"),
            std::string::npos)
      << step.statements.front();
}

TEST(RenderSqlite, DropColumnUsesAlterForAPlainColumn) {
  EXPECT_EQ(sqlite(DropColumn{"users", column_of(base_schema(), "users", "score"), 4}),
            Statements{R"(ALTER TABLE "users" DROP COLUMN "score")"});
}

// The enum's CHECK names the column, and SQLite refuses DROP COLUMN for a column a CHECK uses.
TEST(RenderSqlite, DropCheckedColumnRebuildsAndRecreatesIndexes) {
  RenderedStep step = render(DropColumn{"users", column_of(base_schema(), "users", "status"), 3},
                             Dialect::sqlite);
  EXPECT_TRUE(step.needs_foreign_keys_off);
  ASSERT_EQ(step.statements.size(), 7u);
  EXPECT_EQ(step.statements[1],
            R"(INSERT INTO "_sqlmodel_new_users" ("id", "email", "team_id", "score") SELECT "id", "email", "team_id", "score" FROM "users")");
  EXPECT_EQ(step.statements[2], R"(DROP TABLE "users")");
  EXPECT_EQ(step.statements[4], R"(ALTER TABLE "_sqlmodel_new_users" RENAME TO "users")");
  EXPECT_EQ(step.statements[6], R"(CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email"))");
  EXPECT_EQ(step.statements[0].find("status"), std::string::npos) << step.statements[0];
}

// A foreign key goes first (its own rebuild); the column it used then drops natively.
TEST(RenderSqlite, ForeignKeyThenItsColumn) {
  const ForeignKey team = base_schema().find_table("users")->foreign_keys.front();
  auto steps = render_operations(
      {DropForeignKey{"users", team}, DropColumn{"users", column_of(base_schema(), "users", "team_id"), 2}},
      base_schema(), Dialect::sqlite);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_TRUE(steps[0].needs_foreign_keys_off);
  ASSERT_FALSE(steps[0].statements.empty());
  EXPECT_EQ(steps[0].statements[0].find("FOREIGN KEY"), std::string::npos) << steps[0].statements[0];
  EXPECT_EQ(steps[1].statements, Statements{R"(ALTER TABLE "users" DROP COLUMN "team_id")"});
}

TEST(RenderSqlite, TypeChangeCopiesWithCast) {
  RenderedStep step = render(alter_score([](Column& c) { c.type = type_of(TypeKind::string, 20); }),
                             Dialect::sqlite);
  ASSERT_GE(step.statements.size(), 2u);
  EXPECT_EQ(step.statements[1],
            R"(INSERT INTO "_sqlmodel_new_users" ("id", "email", "team_id", "status", "score") SELECT "id", "email", "team_id", "status", CAST("score" AS VARCHAR(20)) FROM "users")");
}

// CAST to a number truncates ('2024-01-01' -> 2024); the column's affinity converts only what
// converts losslessly.
TEST(RenderSqlite, TypeChangeToANumberLeavesConversionToAffinity) {
  RenderedStep step = render(alter_score([](Column& c) { c.type = type_of(TypeKind::int64); }),
                             Dialect::sqlite);
  ASSERT_GE(step.statements.size(), 2u);
  EXPECT_EQ(step.statements[1],
            R"(INSERT INTO "_sqlmodel_new_users" ("id", "email", "team_id", "status", "score") SELECT "id", "email", "team_id", "status", "score" FROM "users")");
}

TEST(RenderSqlite, NotNullWithDefaultCopiesWithCoalesce) {
  RenderedStep step = render(alter_score([](Column& c) {
                               c.nullable = false;
                               c.server_default = "0";
                             }),
                             Dialect::sqlite);
  ASSERT_GE(step.statements.size(), 2u);
  EXPECT_NE(step.statements[1].find(R"(COALESCE("score", 0) FROM "users")"), std::string::npos)
      << step.statements[1];
}

TEST(RenderSqlite, CommentOnlyChangeRendersNothing) {
  EXPECT_TRUE(sqlite(alter_score([](Column& c) { c.comment = "points"; })).empty());
}

TEST(RenderSqlite, RenamesAreNative) {
  EXPECT_EQ(sqlite(RenameColumn{"users", "score", "points"}),
            Statements{R"(ALTER TABLE "users" RENAME COLUMN "score" TO "points")"});
  EXPECT_EQ(sqlite(RenameTable{"teams", "groups"}),
            Statements{R"(ALTER TABLE "teams" RENAME TO "groups")"});
}

TEST(RenderSqlite, IndexRenameIsMadeAgainUnderTheNewName) {
  // SQLite has no ALTER INDEX ... RENAME: the index alone is made again, the table stays.
  EXPECT_EQ(sqlite(RenameIndex{"users", "ix_users_email", "ix_people_email"}),
            (Statements{R"(DROP INDEX "ix_users_email")",
                        R"(CREATE UNIQUE INDEX "ix_people_email" ON "users" ("email"))"}));
}

TEST(RenderSqlite, ConstraintRenameRebuildsTheTable) {
  // SQLite keeps a constraint's name only in its table's CREATE TABLE.
  RenderedStep step = render(RenameConstraint{"teams", "pk_teams", "pk_groups"}, Dialect::sqlite);
  ASSERT_FALSE(step.statements.empty());
  EXPECT_NE(step.statements[0].find(R"(CONSTRAINT "pk_groups" PRIMARY KEY)"), std::string::npos) << step.statements[0];
  EXPECT_TRUE(step.needs_foreign_keys_off);
  EXPECT_EQ(step.rebuilt_tables, std::vector<std::string>{"teams"});
}

TEST(RenderSqlite, RenamingAnEnumColumnRebuildsForTheCheckName) {
  RenderedStep step = render(RenameColumn{"users", "status", "state"}, Dialect::sqlite);
  ASSERT_GT(step.statements.size(), 1u);
  EXPECT_EQ(step.statements[0], R"(ALTER TABLE "users" RENAME COLUMN "status" TO "state")");
  EXPECT_NE(step.statements[1].find(R"(CONSTRAINT "ck_users_state_enum")"), std::string::npos)
      << step.statements[1];
  EXPECT_TRUE(step.needs_foreign_keys_off);
}

// Lowering names the enum's CHECK after the table, so a renamed table needs its CHECK renamed.
TEST(RenderSqlite, RenamingATableWithAnEnumRebuildsForTheCheckName) {
  RenderedStep step = render(RenameTable{"users", "members"}, Dialect::sqlite);
  ASSERT_GT(step.statements.size(), 1u);
  EXPECT_EQ(step.statements[0], R"(ALTER TABLE "users" RENAME TO "members")");
  EXPECT_EQ(step.statements[1].rfind(R"(CREATE TABLE "_sqlmodel_new_members")", 0), 0u) << step.statements[1];
  EXPECT_NE(step.statements[1].find(R"(CONSTRAINT "ck_members_status_enum")"), std::string::npos)
      << step.statements[1];
  EXPECT_EQ(step.statements.back(), R"(CREATE UNIQUE INDEX "ix_users_email" ON "members" ("email"))");
}

TEST(RenderSqlite, IndexesAreNative) {
  Index partial;
  partial.name = "ix_users_score";
  partial.columns = {"score"};
  partial.where = "score IS NOT NULL";
  partial.method = "btree";  // PostgreSQL only: lowered away
  EXPECT_EQ(sqlite(CreateIndex{"users", partial}),
            Statements{R"(CREATE INDEX "ix_users_score" ON "users" ("score") WHERE score IS NOT NULL)"});
}

TEST(RenderSqlite, EnumValueChangeRebuildsEveryTableUsingIt) {
  RenderedStep step = render(AddEnumValue{"status", "review", 1}, Dialect::sqlite);
  EXPECT_TRUE(step.needs_foreign_keys_off);
  ASSERT_FALSE(step.statements.empty());
  EXPECT_NE(step.statements.front().find(R"("status" IN ('draft', 'review', 'active', 'done'))"),
            std::string::npos)
      << step.statements.front();
  EXPECT_TRUE(render(CreateEnum{EnumType{"color", {"red"}, {}}}, Dialect::sqlite).statements.empty());
}

TEST(RenderSqlite, ConstraintsRebuild) {
  CheckConstraint check{naming::check("teams", "name_long"), "length(name) > 1", {}};
  RenderedStep step = render(AddCheckConstraint{"teams", check}, Dialect::sqlite);
  EXPECT_TRUE(step.needs_foreign_keys_off);
  ASSERT_EQ(step.statements.size(), 6u);
  EXPECT_NE(step.statements[0].find(R"(CONSTRAINT "ck_teams_name_long" CHECK (length(name) > 1))"),
            std::string::npos);
}

// What SQLite takes as the default of ALTER TABLE ... ADD COLUMN.
TEST(RenderSqlite, ConstantDefaults) {
  for (const char* constant : {"0", "-1.5", "+2e10", "'x'", "'it''s'", "NULL", "true", "X'00ff'", " 7 "})
    EXPECT_TRUE(is_constant_default(constant)) << constant;
  for (const char* expression : {"CURRENT_TIMESTAMP", "(1 + 1)", "'a' || 'b'", "lower('A')", "1e", ".", "''x'"})
    EXPECT_FALSE(is_constant_default(expression)) << expression;
}

TEST(RenderPostgres, CommentRemoved) {
  const Column email = column_of(base_schema(), "users", "email");
  Column commented = email;
  commented.comment = "Sign-in";
  Schema with_comment = base_schema();
  *with_comment.find_table("users")->find_column("email") = commented;
  EXPECT_EQ(render_operation(AlterColumn{"users", commented, email}, with_comment, Dialect::postgresql).statements,
            Statements{R"(COMMENT ON COLUMN "users"."email" IS NULL)"});
}

TEST(RenderOperations, ReplaysEachOperationBeforeTheNext) {
  Column nickname = column("nickname", type_of(TypeKind::string, 50), true);
  std::vector<Operation> operations{AddColumn{"users", nickname, {}},
                                    RenameColumn{"users", "nickname", "alias"},
                                    DropColumn{"users", [&] { Column c = nickname; c.name = "alias"; return c; }(), {}}};
  auto steps = render_operations(operations, base_schema(), Dialect::sqlite);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1].statements, Statements{R"(ALTER TABLE "users" RENAME COLUMN "nickname" TO "alias")"});
  EXPECT_EQ(steps[2].statements, Statements{R"(ALTER TABLE "users" DROP COLUMN "alias")"});
}

TEST(RenderOperations, AnOperationThatDoesNotFitIsAClearError) {
  try {
    render_operation(RenameColumn{"users", "missing", "other"}, base_schema(), Dialect::postgresql);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("postgresql"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace sqlmodel::schema
