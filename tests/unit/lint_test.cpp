// sqlmodel-migrate lint: each rule fires on a step that breaks it and stays quiet on its safe
// form, per dialect; lint_ignore acknowledges exactly the named rule on that step; the migration
// file reads and writes lint_ignore back byte for byte and refuses malformed entries by path.
//
// Every case lints revision b2 of a two-revision graph: a1 creates the tables below (so they
// may hold rows by the time b2 runs), b2 holds the steps under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "lint/checks.hpp"
#include "lint/lint.hpp"
#include "revision_graph.hpp"
#include "model_versions.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::migrate::lint {
namespace {

using namespace sqlmodel::schema;
constexpr auto pg = Dialect::postgresql;
constexpr auto lite = Dialect::sqlite;

using namespace sqlmodel::testing::versions;  // of, string_of, enum_of, table, ...

ColumnType numeric_of(int precision, int scale) {
  ColumnType type = of(TypeKind::numeric);
  type.precision = precision;
  type.scale = scale;
  return type;
}

Column column(std::string name, ColumnType type, bool nullable, std::optional<std::string> server_default = {}) {
  Column result = sqlmodel::testing::versions::column(std::move(name), std::move(type), nullable, 1);
  result.server_default = std::move(server_default);
  return result;
}

Table table(std::string name, std::vector<Column> columns) {
  Table result = sqlmodel::testing::versions::table(std::move(name), 1);
  for (auto& extra : columns) result.columns.push_back(std::move(extra));
  return result;
}

// users(id, email, nickname?, age?, status, price), posts(id, user_id, title) with an index on
// user_id; enums userstatus (used by users.status) and unused.
std::vector<Operation> base_operations() {
  Table users = table("users", {column("email", string_of(255), false),
                                column("nickname", string_of(100), true),
                                column("age", of(TypeKind::int32), true),
                                column("status", enum_of("userstatus"), false),
                                column("price", numeric_of(10, 2), true)});
  Table posts = table("posts", {column("user_id", of(TypeKind::int64), false),
                                column("title", string_of(200), false)});
  posts.indexes.push_back({"ix_posts_user_id", {"user_id"}, false, {}, {}, {}});
  return {CreateEnum{{"userstatus", {"active", "suspended", "archived"}, {}}},
          CreateEnum{{"unused", {"a", "b"}, {}}}, CreateTable{users}, CreateTable{posts}};
}

Migration revision(std::string id, std::vector<std::string> parents, std::vector<Operation> upgrade,
                   std::vector<Operation> downgrade) {
  Migration migration;
  migration.revision = std::move(id);
  migration.parents = std::move(parents);
  migration.sequence = static_cast<int>(migration.parents.size()) + 1;
  migration.message = "m" + migration.revision;
  migration.upgrade = std::move(upgrade);
  migration.downgrade = std::move(downgrade);
  return migration;
}

std::vector<Operation> without_sql_steps(std::vector<Operation> operations) {
  std::erase_if(operations, [](const Operation& operation) { return std::holds_alternative<SqlStep>(operation); });
  return operations;
}

// Lints b2 (upgrade then downgrade: by default the upgrade's inverse) after a1 has created the
// base tables.
class Linted {
 public:
  Linted(std::vector<Operation> upgrade, std::optional<std::vector<Operation>> downgrade = {},
         StepAcknowledgements upgrade_ignore = {}, std::vector<Dialect> dialects = {pg, lite})
      : graph_(migrations(std::move(upgrade), std::move(downgrade), std::move(upgrade_ignore))),
        report_(lint_migrations(graph_, {&graph_.at("b2")}, dialects)) {}

  const Report& report() const { return report_; }

  // The rules that fire on step `step` of `direction` for `dialect`, acknowledged or not.
  std::vector<std::string> rules(Dialect dialect, std::size_t step = 0, Direction direction = Direction::upgrade) const {
    std::vector<std::string> ids;
    for (const auto& finding : report_.findings)
      if (finding.dialect == dialect && finding.step == step && finding.direction == direction)
        ids.emplace_back(finding.rule->id);
    return ids;
  }
  bool fires(std::string_view rule, Dialect dialect, std::size_t step = 0, Direction direction = Direction::upgrade) const {
    auto ids = rules(dialect, step, direction);
    return std::find(ids.begin(), ids.end(), rule) != ids.end();
  }
  const Finding* finding(std::string_view rule, Dialect dialect, std::size_t step = 0,
                         Direction direction = Direction::upgrade) const {
    for (const auto& finding : report_.findings)
      if (finding.rule->id == rule && finding.dialect == dialect && finding.step == step && finding.direction == direction)
        return &finding;
    return nullptr;
  }
  // Whether the rule fires anywhere in b2.
  bool fires_anywhere(std::string_view rule) const {
    return std::any_of(report_.findings.begin(), report_.findings.end(),
                       [&](const Finding& finding) { return finding.rule->id == rule; });
  }

 private:
  static std::vector<Migration> migrations(std::vector<Operation> upgrade, std::optional<std::vector<Operation>> downgrade,
                                           StepAcknowledgements upgrade_ignore) {
    auto base = base_operations();
    Migration a1 = revision("a1", {}, base, invert(base));
    std::vector<Operation> down = downgrade ? std::move(*downgrade) : invert(without_sql_steps(upgrade));
    Migration b2 = revision("b2", {"a1"}, std::move(upgrade), std::move(down));
    b2.upgrade_lint_ignore = std::move(upgrade_ignore);
    return {std::move(a1), std::move(b2)};
  }

  RevisionGraph graph_;
  Report report_;
};

const Table& users_table() {
  static const Table users = std::get<CreateTable>(base_operations()[2]).table;
  return users;
}

Column users_column(std::string_view name) { return *users_table().find_column(name); }

AlterColumn alter(std::string_view name, auto&& change) {
  Column from = users_column(name);
  Column to = from;
  change(to);
  return AlterColumn{"users", from, to};
}

// ---- rules about data and the running application ------------------------------------------

TEST(LintRules, DropTableFiresOnAnExistingTableOnly) {
  Linted drop({DropTable{std::get<CreateTable>(base_operations()[3]).table}});
  EXPECT_TRUE(drop.fires("drop-table", pg));
  EXPECT_TRUE(drop.fires("drop-table", lite));
  EXPECT_EQ(drop.finding("drop-table", pg)->severity, Severity::error);

  Table scratch = table("scratch", {});
  Linted created_and_dropped({CreateTable{scratch}, DropTable{scratch}}, std::vector<Operation>{});
  EXPECT_FALSE(created_and_dropped.fires_anywhere("drop-table"));
  // The downgrade of a CREATE TABLE drops what its own upgrade created.
  Linted created({CreateTable{scratch}});
  EXPECT_FALSE(created.fires("drop-table", pg, 0, Direction::downgrade));
}

TEST(LintRules, DropColumnFiresUnlessTheDowngradeTakesBackItsOwnColumn) {
  Linted drop({DropColumn{"users", users_column("nickname"), 2}});
  EXPECT_TRUE(drop.fires("drop-column", pg));
  EXPECT_TRUE(drop.fires("drop-column", lite));
  EXPECT_NE(drop.finding("drop-column", pg)->message.find("users.nickname"), std::string::npos);

  Linted added({AddColumn{"users", column("bio", of(TypeKind::string), true), {}}});
  EXPECT_TRUE(added.rules(pg, 0, Direction::downgrade).size() > 0) << "the lock rules still look at it";
  EXPECT_FALSE(added.fires("drop-column", pg, 0, Direction::downgrade));
  EXPECT_FALSE(added.fires("drop-column", lite, 0, Direction::downgrade));
}

TEST(LintRules, RenamesFireOnExistingTablesOnly) {
  Linted tables({RenameTable{"posts", "articles"}});
  EXPECT_TRUE(tables.fires("rename-table", pg));
  EXPECT_TRUE(tables.fires("rename-table", lite));
  EXPECT_TRUE(tables.fires("rename-table", pg, 0, Direction::downgrade)) << "renaming back breaks the new version";
  Linted columns({RenameColumn{"users", "nickname", "display_name"}});
  EXPECT_TRUE(columns.fires("rename-column", pg));
  EXPECT_TRUE(columns.fires("rename-column", lite));

  Table scratch = table("scratch", {column("a", of(TypeKind::int32), true)});
  Linted fresh({CreateTable{scratch}, RenameColumn{"scratch", "a", "b"}, RenameTable{"scratch", "fresh"},
                RenameColumn{"fresh", "b", "c"}});
  EXPECT_FALSE(fresh.fires_anywhere("rename-column"));
  EXPECT_FALSE(fresh.fires_anywhere("rename-table"));
}

// ---- rules about rows a table already has ----------------------------------------------------

TEST(LintRules, NotNullColumnWithoutDefault) {
  Linted bare({AddColumn{"users", column("locale", string_of(10), false), {}}});
  EXPECT_TRUE(bare.fires("add-column-not-null-without-default", pg));
  EXPECT_TRUE(bare.fires("add-column-not-null-without-default", lite));

  Linted with_default({AddColumn{"users", column("locale", string_of(10), false, "'en'"), {}}});
  EXPECT_FALSE(with_default.fires_anywhere("add-column-not-null-without-default"));
  Linted nullable({AddColumn{"users", column("locale", string_of(10), true), {}}});
  EXPECT_FALSE(nullable.fires_anywhere("add-column-not-null-without-default"));
  Table scratch = table("scratch", {});
  Linted fresh({CreateTable{scratch}, AddColumn{"scratch", column("locale", string_of(10), false), {}}});
  EXPECT_FALSE(fresh.fires_anywhere("add-column-not-null-without-default"));
}

TEST(LintRules, SetNotNull) {
  Linted plain({alter("nickname", [](Column& c) { c.nullable = false; })});
  EXPECT_TRUE(plain.fires("set-not-null", pg));
  EXPECT_TRUE(plain.fires("set-not-null", lite));
  EXPECT_FALSE(plain.fires("set-not-null", pg, 0, Direction::downgrade)) << "DROP NOT NULL is not this rule";

  // PostgreSQL: a CHECK (nickname IS NOT NULL) already there lets SET NOT NULL skip the scan.
  Linted checked({AddCheckConstraint{"users", {"ck_users_nickname_not_null", "nickname IS NOT NULL", {}}},
                  alter("nickname", [](Column& c) { c.nullable = false; })});
  EXPECT_FALSE(checked.fires("set-not-null", pg, 1));
  // SQLite copied the rows into the table with the CHECK, which refused a NULL: none is left.
  EXPECT_FALSE(checked.fires("set-not-null", lite, 1));
  // SQLite: a server default fills the NULLs while the table is copied.
  Linted defaulted({alter("nickname", [](Column& c) {
    c.nullable = false;
    c.server_default = "'anonymous'";
  })});
  EXPECT_FALSE(defaulted.fires("set-not-null", lite));
  ASSERT_TRUE(defaulted.fires("set-not-null", pg));
  EXPECT_NE(defaulted.finding("set-not-null", pg)->message.find("UPDATE"), std::string::npos);
}

TEST(LintRules, UniqueConstraintOnExistingData) {
  Linted unique({AddUniqueConstraint{"users", {"uq_users_nickname", {"nickname"}, {}}}});
  EXPECT_TRUE(unique.fires("add-unique-constraint", pg));
  EXPECT_TRUE(unique.fires("add-unique-constraint", lite));
  Table scratch = table("scratch", {column("code", string_of(10), false)});
  Linted fresh({CreateTable{scratch}, AddUniqueConstraint{"scratch", {"uq_scratch_code", {"code"}, {}}}});
  EXPECT_FALSE(fresh.fires_anywhere("add-unique-constraint"));
}

TEST(LintRules, VolatileDefaultOnExistingTable) {
  auto add = [](std::optional<std::string> server_default) {
    return Linted({AddColumn{"users", column("token", of(TypeKind::string), true, std::move(server_default)), {}}});
  };
  auto uuid = add("gen_random_uuid()::text");
  ASSERT_TRUE(uuid.fires("volatile-default-on-existing-table", pg));
  EXPECT_NE(uuid.finding("volatile-default-on-existing-table", pg)->message.find("default (gen_random_uuid()::text) "),
            std::string::npos)
      << uuid.finding("volatile-default-on-existing-table", pg)->message;
  EXPECT_TRUE(add("(random() * 10)::varchar").fires("volatile-default-on-existing-table", pg));
  EXPECT_TRUE(add("my_function()").fires("volatile-default-on-existing-table", pg))
      << "a function PostgreSQL does not know is VOLATILE by default";
  EXPECT_FALSE(add("gen_random_uuid()::text").fires("volatile-default-on-existing-table", lite));
  EXPECT_FALSE(add("now()::text").fires_anywhere("volatile-default-on-existing-table"));
  EXPECT_FALSE(add("'draft'").fires_anywhere("volatile-default-on-existing-table"));
  EXPECT_FALSE(add("CAST(0 AS varchar(5))").fires_anywhere("volatile-default-on-existing-table"));
  EXPECT_FALSE(add("lower('X')::varchar(5)").fires_anywhere("volatile-default-on-existing-table"));

  Column counter = column("counter", of(TypeKind::int64), false);
  counter.autoincrement = true;
  Linted identity({AddColumn{"posts", counter, {}}}, std::nullopt, {}, {pg});
  EXPECT_TRUE(identity.fires("volatile-default-on-existing-table", pg));
}

// ---- PostgreSQL locks ------------------------------------------------------------------------

TEST(LintRules, IndexesWithoutConcurrently) {
  Index by_age{"ix_users_age", {"age"}, false, {}, {}, {}};
  Linted create({CreateIndex{"users", by_age}});
  EXPECT_TRUE(create.fires("create-index-without-concurrently", pg));
  EXPECT_FALSE(create.fires("create-index-without-concurrently", lite));
  EXPECT_TRUE(create.fires("drop-index-without-concurrently", pg, 0, Direction::downgrade));

  Table scratch = table("scratch", {column("a", of(TypeKind::int32), true)});
  Linted fresh({CreateTable{scratch}, CreateIndex{"scratch", {"ix_scratch_a", {"a"}, false, {}, {}, {}}}});
  EXPECT_FALSE(fresh.fires_anywhere("create-index-without-concurrently"));
}

TEST(LintRules, ConcurrentlyInsideTheTransaction) {
  Linted in_sql_step({SqlStep{"CREATE INDEX CONCURRENTLY ix_users_age ON users (age)", {}, "index"},
                      SqlStep{"-- CONCURRENTLY is only a comment here\nSELECT 'CONCURRENTLY'", {}, "no index"}},
                     std::vector<Operation>{SqlStep{"DROP INDEX ix_users_age", {}, ""}});
  EXPECT_TRUE(in_sql_step.fires("concurrently-in-transaction", pg));
  EXPECT_FALSE(in_sql_step.fires("concurrently-in-transaction", pg, 1));
  EXPECT_FALSE(in_sql_step.fires("concurrently-in-transaction", lite));
}

TEST(LintRules, ConstraintsWithoutNotValid) {
  ForeignKey author{naming::foreign_key("posts", {"user_id"}, "users"), {"user_id"}, "users", {"id"},
                    ReferentialAction::no_action, ReferentialAction::no_action, {}};
  Linted fk({AddForeignKey{"posts", author}});
  EXPECT_TRUE(fk.fires("add-foreign-key-without-not-valid", pg));
  EXPECT_FALSE(fk.fires("add-foreign-key-without-not-valid", lite));
  Linted check({AddCheckConstraint{"users", {"ck_users_age", "age >= 0", {}}}});
  EXPECT_TRUE(check.fires("add-check-without-not-valid", pg));
  EXPECT_FALSE(check.fires("add-check-without-not-valid", lite));

  Table scratch = table("scratch", {column("user_id", of(TypeKind::int64), true)});
  ForeignKey scratch_user{"fk_scratch_user_id_users", {"user_id"}, "users", {"id"},
                          ReferentialAction::no_action, ReferentialAction::no_action, {}};
  Linted fresh({CreateTable{scratch}, AddForeignKey{"scratch", scratch_user},
                AddCheckConstraint{"scratch", {"ck_scratch", "user_id > 0", {}}}});
  EXPECT_FALSE(fresh.fires_anywhere("add-foreign-key-without-not-valid"));
  EXPECT_FALSE(fresh.fires_anywhere("add-check-without-not-valid"));
  EXPECT_TRUE(fresh.fires("missing-lock-timeout", pg, 1)) << "the new table's foreign key still locks users";
}

TEST(LintRules, TypeChanges) {
  auto retype = [](std::string_view name, ColumnType type) {
    return Linted({alter(name, [&](Column& c) { c.type = type; })});
  };
  auto widen_int = retype("age", of(TypeKind::int64));
  EXPECT_TRUE(widen_int.fires("type-change-rewrites-table", pg));
  EXPECT_FALSE(widen_int.fires("type-change-narrows", pg));
  EXPECT_TRUE(widen_int.fires("type-change-narrows", pg, 0, Direction::downgrade)) << "int64 back to int32";
  EXPECT_TRUE(widen_int.fires("sqlite-table-rebuild", lite));

  // Binary-coercible on PostgreSQL: no rewrite, nothing lost.
  for (const auto& wider : {string_of(150), of(TypeKind::string)}) {
    auto widened = retype("nickname", wider);
    EXPECT_FALSE(widened.fires("type-change-rewrites-table", pg)) << format_type(wider);
    EXPECT_FALSE(widened.fires("type-change-narrows", pg)) << format_type(wider);
    EXPECT_TRUE(widened.fires("type-change-narrows", pg, 0, Direction::downgrade)) << format_type(wider);
  }
  auto more_digits = retype("price", numeric_of(12, 2));
  EXPECT_FALSE(more_digits.fires("type-change-rewrites-table", pg));
  EXPECT_FALSE(more_digits.fires("type-change-narrows", pg));

  auto shorter = retype("nickname", string_of(50));
  EXPECT_TRUE(shorter.fires("type-change-narrows", pg));
  EXPECT_EQ(shorter.finding("type-change-narrows", pg)->severity, Severity::error);
  ASSERT_TRUE(shorter.fires("type-change-narrows", lite));
  EXPECT_EQ(shorter.finding("type-change-narrows", lite)->severity, Severity::warning);
  EXPECT_TRUE(retype("price", numeric_of(10, 1)).fires("type-change-narrows", pg)) << "fewer decimals";
  EXPECT_TRUE(retype("nickname", of(TypeKind::int64)).fires("type-change-narrows", pg));

  // An enum into a text column long enough for its longest value ("suspended") fits.
  EXPECT_FALSE(retype("status", string_of(20)).fires("type-change-narrows", pg));
  EXPECT_TRUE(retype("status", string_of(5)).fires("type-change-narrows", pg));
}

TEST(LintRules, MissingLockTimeout) {
  Linted bare({AddColumn{"users", column("bio", of(TypeKind::string), true), {}}});
  ASSERT_TRUE(bare.fires("missing-lock-timeout", pg));
  EXPECT_EQ(bare.finding("missing-lock-timeout", pg)->severity, Severity::warning);
  EXPECT_FALSE(bare.fires("missing-lock-timeout", lite));

  Linted timed({SqlStep{"SET lock_timeout = '2s'", {}, "fail fast"},
                AddColumn{"users", column("bio", of(TypeKind::string), true), {}},
                SqlStep{"SET lock_timeout TO 0", {}, "back to waiting"},
                AddColumn{"users", column("motto", of(TypeKind::string), true), {}}},
               std::vector<Operation>{SqlStep{"SET LOCAL lock_timeout = '1s'; ALTER TABLE users ADD COLUMN x int", {}, ""},
                                      DropColumn{"users", column("motto", of(TypeKind::string), true), {}},
                                      DropColumn{"users", column("bio", of(TypeKind::string), true), {}}});
  EXPECT_FALSE(timed.fires("missing-lock-timeout", pg, 1));
  EXPECT_TRUE(timed.fires("missing-lock-timeout", pg, 3));
  EXPECT_FALSE(timed.fires("missing-lock-timeout", pg, 0, Direction::downgrade));
  EXPECT_FALSE(timed.fires("missing-lock-timeout", pg, 1, Direction::downgrade));

  Table scratch = table("scratch", {column("a", of(TypeKind::int32), true)});
  Linted fresh({CreateTable{scratch}, CreateIndex{"scratch", {"ix_scratch_a", {"a"}, false, {}, {}, {}}},
                AddColumn{"scratch", column("b", of(TypeKind::int32), true), {}}});
  EXPECT_FALSE(fresh.fires_anywhere("missing-lock-timeout"));

  // SQL the lexer cannot read to the end (an unterminated quote): the statements before it count.
  Linted hand_written({SqlStep{"ALTER TABLE users ADD COLUMN x int; UPDATE users SET x = 'unterminated", {}, ""}},
                      std::vector<Operation>{SqlStep{"ALTER TABLE users DROP COLUMN x", {}, ""}});
  EXPECT_TRUE(hand_written.fires("missing-lock-timeout", pg));
}

// ---- enums, SQLite rebuilds, sql steps ------------------------------------------------------

TEST(LintRules, EnumValueRemovedOrReordered) {
  Linted removed({RemoveEnumValue{"userstatus", "archived", 2}});
  EXPECT_TRUE(removed.fires("enum-value-removed", pg));
  EXPECT_TRUE(removed.fires("enum-value-removed", lite));
  EXPECT_FALSE(removed.fires_anywhere("enum-values-reordered"));

  Linted moved({RemoveEnumValue{"userstatus", "archived", 2}, AddEnumValue{"userstatus", "archived", 0}});
  EXPECT_TRUE(moved.fires("enum-values-reordered", pg));
  EXPECT_FALSE(moved.fires("enum-value-removed", pg));
  EXPECT_FALSE(moved.fires("enum-values-reordered", lite));

  Linted unused({RemoveEnumValue{"unused", "b", 1}});
  EXPECT_FALSE(unused.fires_anywhere("enum-value-removed")) << "no column holds the enum";
  Linted added({AddEnumValue{"userstatus", "banned", 3}});
  EXPECT_FALSE(added.fires("enum-value-removed", pg));
}

TEST(LintRules, SqliteRebuildOfAnExistingTable) {
  Linted rebuilt({alter("age", [](Column& c) { c.type = of(TypeKind::int64); })});
  ASSERT_TRUE(rebuilt.fires("sqlite-table-rebuild", lite));
  EXPECT_EQ(rebuilt.finding("sqlite-table-rebuild", lite)->severity, Severity::warning);
  EXPECT_FALSE(rebuilt.fires("sqlite-table-rebuild", pg));

  Linted in_place({AddColumn{"users", column("bio", of(TypeKind::string), true), {}}});
  EXPECT_FALSE(in_place.fires_anywhere("sqlite-table-rebuild"));
  Table scratch = table("scratch", {column("a", of(TypeKind::int32), true)});
  Column wider = column("a", of(TypeKind::int64), true);
  Linted fresh({CreateTable{scratch}, AlterColumn{"scratch", scratch.columns[1], wider}});
  EXPECT_FALSE(fresh.fires_anywhere("sqlite-table-rebuild")) << "a table created in the revision is empty";
}

TEST(LintRules, SqlStepWithoutDowngrade) {
  SqlStep fill{"UPDATE users SET nickname = email WHERE nickname IS NULL", {}, "fill nicknames"};
  Linted one_way({fill}, std::vector<Operation>{});
  EXPECT_TRUE(one_way.fires("sql-step-without-downgrade", pg));
  EXPECT_TRUE(one_way.fires("sql-step-without-downgrade", lite));

  Linted reversible({fill}, std::vector<Operation>{SqlStep{"UPDATE users SET nickname = NULL", {}, ""}});
  EXPECT_FALSE(reversible.fires_anywhere("sql-step-without-downgrade"));
  // PostgreSQL-only SQL in both directions; the SQLite side renders nothing either way.
  SqlStep postgres_only{"", {{pg, "VACUUM users"}}, ""};
  Linted only_pg({postgres_only}, std::vector<Operation>{SqlStep{"", {{lite, "VACUUM"}}, ""}});
  EXPECT_TRUE(only_pg.fires("sql-step-without-downgrade", pg));
  EXPECT_FALSE(only_pg.fires("sql-step-without-downgrade", lite));
}

RenderedStep rendered_sql(std::vector<std::string> statements, bool outside_transaction = false) {
  RenderedStep rendered;
  rendered.statements = std::move(statements);
  rendered.outside_transaction = outside_transaction;
  return rendered;
}

// The checks that read rendered SQL judge what will run: the online forms (CREATE INDEX
// CONCURRENTLY outside the transaction, NOT VALID) leave them quiet.
TEST(LintRules, OnlineFormsAsRenderedAreQuiet) {
  auto base = base_operations();
  Schema schema;
  for (const auto& operation : base) apply_to_schema(schema, operation);
  Migration migration = revision("b2", {"a1"}, {}, {});
  ListFacts facts;
  auto check = [&](Check rule_check, const Operation& operation, RenderedStep rendered) {
    Schema after = schema;
    apply_to_schema(after, operation);
    std::vector<Operation> list{operation};
    facts.operations = &list;
    return rule_check(StepContext{migration, Direction::upgrade, 0, operation, schema, after, pg, rendered, facts});
  };
  const Operation create = CreateIndex{"users", {"ix_users_age", {"age"}, false, {}, {}, {}}};
  RenderedStep concurrent = rendered_sql({"CREATE INDEX CONCURRENTLY \"ix_users_age\" ON \"users\" (\"age\")"}, true);
  EXPECT_FALSE(check(check_create_index_without_concurrently, create, concurrent));
  EXPECT_FALSE(check(check_concurrently_in_transaction, create, concurrent));
  EXPECT_FALSE(check(check_missing_lock_timeout, create, concurrent));
  RenderedStep in_transaction = concurrent;
  in_transaction.outside_transaction = false;
  EXPECT_TRUE(check(check_concurrently_in_transaction, create, in_transaction));

  const Operation drop = DropIndex{"posts", {"ix_posts_user_id", {"user_id"}, false, {}, {}, {}}};
  EXPECT_FALSE(check(check_drop_index_without_concurrently, drop,
                     rendered_sql({"DROP INDEX CONCURRENTLY \"ix_posts_user_id\""}, true)));
  EXPECT_TRUE(check(check_drop_index_without_concurrently, drop, rendered_sql({"DROP INDEX \"ix_posts_user_id\""})));

  const Operation fk = AddForeignKey{"posts", {"fk_posts_user_id_users", {"user_id"}, "users", {"id"},
                                               ReferentialAction::no_action, ReferentialAction::no_action, {}}};
  EXPECT_FALSE(check(check_add_foreign_key_without_not_valid, fk,
                     rendered_sql({"ALTER TABLE \"posts\" ADD CONSTRAINT \"fk_posts_user_id_users\" FOREIGN KEY (\"user_id\") "
                       "REFERENCES \"users\" (\"id\") NOT VALID"})));
  const Operation ck = AddCheckConstraint{"users", {"ck_users_age", "age >= 0", {}}};
  EXPECT_FALSE(check(check_add_check_without_not_valid, ck,
                     rendered_sql({"ALTER TABLE \"users\" ADD CONSTRAINT \"ck_users_age\" CHECK (age >= 0) NOT VALID"})));
  EXPECT_TRUE(check(check_add_check_without_not_valid, ck,
                    rendered_sql({"ALTER TABLE \"users\" ADD CONSTRAINT \"ck_users_age\" CHECK (age >= 0)"})));

  facts.lock_timeout = true;  // as a revision-wide "lock_timeout" sets it
  EXPECT_FALSE(check(check_missing_lock_timeout, ck, rendered_sql({"ALTER TABLE \"users\" ADD CONSTRAINT x CHECK (age >= 0)"})));
}

// ---- the online forms `revision --online` writes (online_lint_test.cpp lints whole plans) -----

TEST(LintOnlineForms, ARevisionLockTimeoutIsInForceForEveryStep) {
  auto graph_with = [](std::optional<std::int64_t> lock_timeout_ms) {
    auto base = base_operations();
    Migration a1 = revision("a1", {}, base, invert(base));
    std::vector<Operation> upgrade{AddColumn{"users", column("bio", of(TypeKind::string), true), {}}};
    Migration b2 = revision("b2", {"a1"}, upgrade, invert(upgrade));
    b2.lock_timeout_ms = lock_timeout_ms;
    return RevisionGraph({a1, b2});
  };
  auto lock_findings = [](const RevisionGraph& graph) {
    const auto report = lint_migrations(graph, {&graph.at("b2")}, {pg});
    return std::count_if(report.findings.begin(), report.findings.end(),
                         [](const Finding& finding) { return finding.rule->id == "missing-lock-timeout"; });
  };
  EXPECT_EQ(lock_findings(graph_with(std::nullopt)), 2) << "upgrade and downgrade";
  EXPECT_EQ(lock_findings(graph_with(2000)), 0);
}

TEST(LintOnlineForms, SetNotNullTrustsACheckOnlyOnceItIsValidated) {
  const CheckConstraint not_null{"ck_users_nickname_not_null", "\"nickname\" IS NOT NULL", {}};
  const AlterColumn set_not_null = alter("nickname", [](Column& c) { c.nullable = false; });
  Linted validated({AddCheckConstraint{"users", not_null, true}, ValidateConstraint{"users", not_null.name}, set_not_null,
                    DropCheckConstraint{"users", not_null}},
                   std::vector<Operation>{});
  EXPECT_FALSE(validated.fires_anywhere("set-not-null"));
  EXPECT_FALSE(validated.fires_anywhere("add-check-without-not-valid"));

  Linted unvalidated({AddCheckConstraint{"users", not_null, true}, set_not_null}, std::vector<Operation>{});
  ASSERT_TRUE(unvalidated.fires("set-not-null", pg, 1));
  EXPECT_NE(unvalidated.finding("set-not-null", pg, 1)->message.find("ck_users_nickname_not_null that would spare it is NOT VALID"),
            std::string::npos)
      << unvalidated.finding("set-not-null", pg, 1)->message;
  EXPECT_FALSE(unvalidated.fires("set-not-null", lite, 1)) << "SQLite checked the rows when it added the CHECK";
}

TEST(LintOnlineForms, AUniqueKeyTakingOverAConcurrentlyBuiltIndexIsQuiet) {
  Index unique_nickname{"uq_users_nickname", {"nickname"}, true, {}, {}, {}};
  const UniqueConstraint constraint{"uq_users_nickname", {"nickname"}, {}};
  Linted online({CreateIndex{"users", unique_nickname, true}, AddUniqueConstraint{"users", constraint, "uq_users_nickname"}},
                std::vector<Operation>{});
  EXPECT_FALSE(online.fires_anywhere("add-unique-constraint"));
  EXPECT_FALSE(online.fires_anywhere("create-index-without-concurrently"));
  Linted built_under_lock({CreateIndex{"users", unique_nickname}, AddUniqueConstraint{"users", constraint, "uq_users_nickname"}},
                          std::vector<Operation>{});
  EXPECT_TRUE(built_under_lock.fires("create-index-without-concurrently", pg, 0)) << "the index build is the lock";
  EXPECT_FALSE(built_under_lock.fires("add-unique-constraint", pg, 1));
  Linted plain({AddUniqueConstraint{"users", constraint}});
  EXPECT_TRUE(plain.fires("add-unique-constraint", pg));
}

// Contract: the trigger that kept users.age and its int64 replacement in step goes, the old
// column is dropped and the replacement takes its name. The application sees "age" throughout.
TEST(LintOnlineForms, TheContractSwapIsNeitherARenameNorADrop) {
  Column replacement = column("_sqlmodel_new_age", of(TypeKind::int64), true);
  const Column age = users_column("age");
  std::vector<Operation> expand{AddColumn{"users", replacement, {}}, CreateSyncTrigger{"users", "age", replacement.name}};
  std::vector<Operation> swap{DropSyncTrigger{"users", "age", replacement.name}, DropColumn{"users", age, 3},
                              RenameColumn{"users", replacement.name, "age"}};
  std::vector<Operation> upgrade = expand;
  upgrade.insert(upgrade.end(), swap.begin(), swap.end());
  Linted contract(upgrade, std::vector<Operation>{});
  EXPECT_FALSE(contract.fires_anywhere("rename-column"));
  EXPECT_FALSE(contract.fires_anywhere("drop-column"));

  // Without the trigger, the same steps lose age's values and rename under the application.
  Linted unsynced({AddColumn{"users", replacement, {}}, DropColumn{"users", age, 3}, RenameColumn{"users", replacement.name, "age"}},
                  std::vector<Operation>{});
  EXPECT_TRUE(unsynced.fires("drop-column", pg, 1));
  EXPECT_TRUE(unsynced.fires("rename-column", pg, 2));
  // A rename to another name than the synced column's is a rename.
  Linted elsewhere({AddColumn{"users", replacement, {}}, CreateSyncTrigger{"users", "age", replacement.name},
                    DropSyncTrigger{"users", "age", replacement.name}, RenameColumn{"users", replacement.name, "years"}},
                   std::vector<Operation>{});
  EXPECT_TRUE(elsewhere.fires("rename-column", pg, 3));
}

TEST(LintOnlineForms, AVolatileModelDefaultFillSaysItIsTheModelDefault) {
  Column token = column("token", of(TypeKind::uuid), false);
  token.default_factory = "uuid4";
  AddColumn add{"users", token, {}};
  add.fill_existing_rows = true;
  Linted filled({add}, std::nullopt, {}, {pg});
  EXPECT_FALSE(filled.fires("add-column-not-null-without-default", pg)) << "the rows get the model default";
  ASSERT_TRUE(filled.fires("volatile-default-on-existing-table", pg));
  const std::string message = filled.finding("volatile-default-on-existing-table", pg)->message;
  EXPECT_NE(message.find("filling the rows already there with its model default uuid4, which is "), std::string::npos)
      << message;
  EXPECT_EQ(message.find("volatile default"), std::string::npos) << "no server default is involved: " << message;
}

// ---- acknowledgements ------------------------------------------------------------------------

TEST(LintAcknowledgements, SilenceExactlyTheNamedRuleOnThatStep) {
  Index by_age{"ix_users_age", {"age"}, false, {}, {}, {}};
  Index by_nickname{"ix_users_nickname", {"nickname"}, false, {}, {}, {}};
  StepAcknowledgements ignore{{0, {{"create-index-without-concurrently", "users has 40 rows"}}}};
  Linted linted({CreateIndex{"users", by_age}, CreateIndex{"users", by_nickname}}, std::nullopt, ignore, {pg});

  const Finding* acknowledged = linted.finding("create-index-without-concurrently", pg, 0);
  ASSERT_NE(acknowledged, nullptr) << "an acknowledged finding is still reported";
  EXPECT_EQ(acknowledged->acknowledged, "users has 40 rows");
  EXPECT_FALSE(acknowledged->counts_as_error());
  EXPECT_FALSE(linted.finding("missing-lock-timeout", pg, 0)->acknowledged) << "another rule on the same step";
  EXPECT_FALSE(linted.finding("create-index-without-concurrently", pg, 1)->acknowledged) << "the same rule on another step";
  EXPECT_TRUE(linted.finding("create-index-without-concurrently", pg, 1)->counts_as_error());
  EXPECT_EQ(linted.report().errors(), 1u + 2u) << "step 1's index, and both downgrade DROP INDEXes";
  EXPECT_EQ(linted.report().acknowledged(), 1u);
  EXPECT_TRUE(linted.report().unused_acknowledgements.empty());
}

TEST(LintAcknowledgements, OneThatMatchesNothingIsReportedWhenEveryDialectWasLinted) {
  StepAcknowledgements ignore{{0, {{"sqlite-table-rebuild", "stale"}, {"create-index-without-concurrently", "PostgreSQL only"}}}};
  const Operation add = AddColumn{"users", column("bio", of(TypeKind::string), true), {}};
  Linted sqlite_only({add}, std::nullopt, ignore, {lite});
  ASSERT_EQ(sqlite_only.report().unused_acknowledgements.size(), 1u) << "the PostgreSQL rule was not linted";
  EXPECT_EQ(sqlite_only.report().unused_acknowledgements[0].rule, "sqlite-table-rebuild");
  EXPECT_EQ(sqlite_only.report().unused_acknowledgements[0].json_path(), "/upgrade/0/lint_ignore");
  Linted both({add}, std::nullopt, ignore, {pg, lite});
  EXPECT_EQ(both.report().unused_acknowledgements.size(), 2u);
}

// ---- the migration file ----------------------------------------------------------------------

Migration with_acknowledgements() {
  Migration migration = revision("3f2a9c1b7d4e", {"a1b2c3d4e5f6"}, {}, {});
  migration.created = "2026-11-24T06:50:00Z";
  migration.upgrade = {RenameColumn{"users", "a", "b"}, RenameColumn{"users", "c", "d"}};
  migration.downgrade = invert(migration.upgrade);
  migration.upgrade_lint_ignore[1] = {{"rename-column", "no application reads users.c yet"},
                                      {"missing-lock-timeout", "users is tiny"}};
  migration.downgrade_lint_ignore[0] = {{"rename-column", "downgrade only with the old version"}};
  return migration;
}

TEST(LintIgnoreInMigrationFile, WritesLastInTheStepAndReadsBackByteForByte) {
  const std::string text = write_migration(with_acknowledgements());
  EXPECT_NE(text.find("\"to\": \"d\",\n      \"lint_ignore\": [\n"), std::string::npos) << text;
  Migration back = read_migration(text, "m.json");
  EXPECT_EQ(back.upgrade, with_acknowledgements().upgrade);
  EXPECT_EQ(back.upgrade_lint_ignore, with_acknowledgements().upgrade_lint_ignore);
  EXPECT_EQ(back.downgrade_lint_ignore, with_acknowledgements().downgrade_lint_ignore);
  EXPECT_EQ(write_migration(back), text);
}

std::string read_error(const std::string& replace, const std::string& with) {
  std::string text = write_migration(with_acknowledgements());
  auto at = text.find(replace);
  EXPECT_NE(at, std::string::npos) << replace;
  text.replace(at, replace.size(), with);
  try {
    read_migration(text, "migrations/0002_3f2a9c1b7d4e_x.json");
  } catch (const MigrationFileError& error) {
    return error.what();
  }
  return "no error";
}

TEST(LintIgnoreInMigrationFile, RefusesMalformedEntriesNamingFileAndStep) {
  EXPECT_EQ(read_error("\"rule\": \"missing-lock-timeout\"", "\"rule\": \"missing-lock-timout\""),
            "migrations/0002_3f2a9c1b7d4e_x.json: /upgrade/1/lint_ignore/1/rule: unknown lint rule "
            "\"missing-lock-timout\" (did you mean \"missing-lock-timeout\"?)");
  EXPECT_NE(read_error("\"rule\": \"missing-lock-timeout\"", "\"rule\": \"no-such-rule\"")
                .find("unknown lint rule \"no-such-rule\"; the rules are: drop-table, drop-column"),
            std::string::npos);
  EXPECT_EQ(read_error(",\n          \"reason\": \"users is tiny\"", ""),
            "migrations/0002_3f2a9c1b7d4e_x.json: /upgrade/1/lint_ignore/1: acknowledging "
            "\"missing-lock-timeout\" needs a \"reason\": why the finding is safe on this step");
  EXPECT_EQ(read_error("\"users is tiny\"", "\"  \""),
            "migrations/0002_3f2a9c1b7d4e_x.json: /upgrade/1/lint_ignore/1/reason: the reason must say why the "
            "finding is safe on this step");
  EXPECT_EQ(read_error("\"rule\": \"missing-lock-timeout\"", "\"rule\": \"rename-column\""),
            "migrations/0002_3f2a9c1b7d4e_x.json: /upgrade/1/lint_ignore/1/rule: \"rename-column\" is listed twice");
  EXPECT_NE(read_error("\"reason\": \"users is tiny\"", "\"reason\": \"users is tiny\", \"until\": \"2027\"")
                .find("/upgrade/1/lint_ignore/1/until: unknown key \"until\""),
            std::string::npos);
  EXPECT_NE(read_error("\"lint_ignore\": [\n        {\n          \"rule\": \"rename-column\",\n          "
                       "\"reason\": \"downgrade only with the old version\"\n        }\n      ]",
                       "\"lint_ignore\": [\"rename-column\"]")
                .find("/downgrade/0/lint_ignore/0: an acknowledged finding needs a reason"),
            std::string::npos);
}

}  // namespace
}  // namespace sqlmodel::migrate::lint
