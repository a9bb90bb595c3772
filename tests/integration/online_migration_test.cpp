// Online migrations on real databases (issue 11, sections 2 to 4): the online form of each
// operation applied to a table with rows while a writer keeps writing; an expand/contract change
// with a writer that only knows the old column names; a backfill killed with SIGKILL and
// resumed; lock_timeout retries; an INVALID index left by a failed CONCURRENTLY build; a revision
// that stopped between its transactions and resumes; NOT NULL columns filled from the model
// default on both dialects. No assertion is about time: writers count what they did while the
// migration ran, which proves the two overlapped.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "apply_engine.hpp"
#include "live_schema/database_comparison.hpp"
#include "new_revision.hpp"
#include "online_plan.hpp"
#include "replay.hpp"
#include "schema/ddl.hpp"
#include "schema/diff.hpp"
#include "live_schema/introspect.hpp"
#include "support/test_databases.hpp"
#include "unit/model_versions.hpp"

namespace sqlmodel::testing {
namespace {

using namespace sqlmodel::schema;
namespace v = sqlmodel::testing::versions;
using migrate::RevisionGraph;

// ---- models ---------------------------------------------------------------------------------

// teams(id, name); accounts(id, email, name, score int32, nickname?, team_id?): the "before" of
// every test here.
Schema accounts_v1() {
  Schema schema;
  Table teams = v::table("teams", 10);
  teams.columns.push_back(v::column("name", v::string_of(100), false, 12));
  schema.tables.push_back(teams);
  Table accounts = v::table("accounts", 20);
  accounts.columns.push_back(v::column("email", v::string_of(100), false, 22));
  accounts.columns.push_back(v::column("name", v::string_of(100), false, 23));
  accounts.columns.push_back(v::column("score", v::of(TypeKind::int32), false, 24));
  accounts.columns.push_back(v::column("nickname", v::string_of(50), true, 25));
  accounts.columns.push_back(v::column("team_id", v::of(TypeKind::int64), true, 26));
  schema.tables.push_back(accounts);
  sort_canonically(schema);
  return schema;
}

Table& accounts_of(Schema& schema) { return *schema.find_table("accounts"); }

Schema sorted(Schema schema) {
  sort_canonically(schema);
  return schema;
}

// ---- revisions ------------------------------------------------------------------------------

std::string revision_id(int number) {
  std::string digits = std::to_string(number);
  return std::string(12 - digits.size(), '0') + digits;
}

// Writes the planned revisions after the directory's head, numbered from `first_id`.
RevisionGraph write_planned(const std::filesystem::path& directory, const std::vector<migrate::PlannedRevision>& planned,
                            int first_id, std::optional<std::int64_t> lock_timeout_ms = 2000) {
  std::filesystem::create_directories(directory);
  for (std::size_t i = 0; i < planned.size(); ++i) {
    RevisionGraph graph = migrate::read_migrations_directory(directory);
    migrate::NewRevision revision;
    revision.message = "step " + std::to_string(first_id + static_cast<int>(i));
    if (auto head = graph.single_head()) revision.parents = {*head};
    revision.revision = revision_id(first_id + static_cast<int>(i));
    revision.upgrade = planned[i].upgrade;
    revision.downgrade = planned[i].downgrade;
    revision.phase = planned[i].phase;
    revision.lock_timeout_ms = lock_timeout_ms;
    migrate::write_new_revision(directory, graph, std::move(revision));
  }
  return migrate::read_migrations_directory(directory);
}

// `models` as the migrations written from them replay it (no source locations).
Schema replayed(const Schema& models) { return without_rename_hints(migrate::migration_view(models)); }

// The plain revision of `to` after `from` (as `revision` without --online writes it).
std::vector<migrate::PlannedRevision> plain(const Schema& from, const Schema& to) {
  auto operations = migrate::autogenerate(replayed(from), to);
  return {{operations, invert(operations), std::nullopt}};
}

migrate::OnlinePlan online(const Schema& from, const Schema& to, std::size_t batch_size = 500) {
  migrate::OnlinePlanSettings settings;
  settings.backfill_batch_size = batch_size;
  settings.backfill_pause_ms = 0;
  return migrate::plan_online(replayed(from), migrate::migration_view(to), settings);
}

// A stream several threads write and one can wait on for a phrase.
class WatchedOutput : public std::streambuf {
 public:
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }
  // Blocks until `phrase` has been written (or the output stops growing for a long while).
  bool wait_for(const std::string& phrase) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::minutes(2), [&] { return text_.find(phrase) != std::string::npos; });
  }

 protected:
  int overflow(int c) override {
    if (c == EOF) return 0;
    std::lock_guard lock(mutex_);
    text_ += static_cast<char>(c);
    if (c == '\n') changed_.notify_all();
    return c;
  }
  std::streamsize xsputn(const char* data, std::streamsize count) override {
    std::lock_guard lock(mutex_);
    text_.append(data, static_cast<std::size_t>(count));
    changed_.notify_all();
    return count;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string text_;
};

migrate::ApplyOptions options_with(std::ostream* progress) {
  migrate::ApplyOptions options;
  options.lock.timeout = std::chrono::seconds(60);
  options.lock.database_name = "the online test database";
  options.progress = progress;
  options.lock_retry.first_delay = std::chrono::milliseconds(50);
  return options;
}

// ---- databases ------------------------------------------------------------------------------

// `schema` (accounts_v1 or a variant of it) with two teams and `accounts` rows.
void create_accounts(db::Connection& connection, const Schema& schema, int accounts) {
  connection.begin();
  for (const auto& statement : render_create_all(schema, connection.dialect())) connection.execute(statement);
  connection.execute("INSERT INTO teams (name) VALUES ('red'), ('blue')");
  for (int i = 1; i <= accounts; ++i)
    connection.execute("INSERT INTO accounts (email, name, score, nickname, team_id) VALUES ('a" + std::to_string(i) +
                       "@example.com', 'name " + std::to_string(i) + "', " + std::to_string(i % 100) + ", " +
                       (i % 3 == 0 ? std::string("NULL") : "'nick'") + ", " + (i % 2 ? "1" : "NULL") + ")");
  connection.commit();
}

std::int64_t count(db::Connection& connection, const std::string& query) {
  auto result = connection.query(query);
  return std::stoll(result.rows.at(0).at(0).value_or("-1"));
}

void expect_schema(db::Connection& connection, const Schema& model, const std::string& what) {
  const auto differences = schema::schema_differences(schema::expected_database_schema(model, connection.dialect()),
                                                       schema::introspected_database_schema(connection));
  std::string text;
  for (const auto& line : differences) text += "\n  " + line;
  EXPECT_TRUE(differences.empty()) << what << ": the database differs from the model:" << text;
}

// An application that keeps writing: inserts a row, updates another, in a loop, each statement
// in autocommit, and counts what it did and what failed.
class Writer {
 public:
  // `insert` gets a serial number and returns the INSERT; `update` likewise.
  Writer(std::string url, std::function<std::string(int)> insert, std::function<std::string(int)> update)
      : url_(std::move(url)), insert_(std::move(insert)), update_(std::move(update)) {
    thread_ = std::thread([this] { run(); });
    while (writes_ < 20 && errors_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~Writer() { stop(); }

  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::int64_t writes() const { return writes_; }
  std::int64_t inserted() const { return inserted_; }
  std::int64_t errors() const { return errors_; }
  std::string first_error() {
    std::lock_guard lock(mutex_);
    return first_error_;
  }

 private:
  void run() {
    auto connection = db::connect(url_);
    for (int serial = 0; !stop_; ++serial) {
      for (bool inserting : {true, false}) {
        try {
          connection->execute(inserting ? insert_(serial) : update_(serial));
          ++writes_;
          if (inserting) ++inserted_;
        } catch (const std::exception& error) {
          if (errors_++ == 0) {
            std::lock_guard lock(mutex_);
            first_error_ = error.what();
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  std::string url_;
  std::function<std::string(int)> insert_, update_;
  std::atomic<bool> stop_{false};
  std::atomic<std::int64_t> writes_{0}, inserted_{0}, errors_{0};
  std::mutex mutex_;
  std::string first_error_;
  std::thread thread_;
};

std::string writer_email(int serial) { return "'w" + std::to_string(serial) + "-" + std::to_string(::getpid()) + "@example.com'"; }

// ---- online forms, with a writer ------------------------------------------------------------

// The models after every kind of change section 2 covers: an index, a foreign key, a check, a
// unique constraint, SET NOT NULL (with a server default for the NULLs), and a NOT NULL column
// with a model default.
Schema accounts_v2() {
  Schema schema = accounts_v1();
  Table& accounts = accounts_of(schema);
  accounts.indexes.push_back(v::index("accounts", {"score"}, 24));
  accounts.foreign_keys.push_back(v::foreign_key("accounts", {"team_id"}, "teams", 26));
  accounts.check_constraints.push_back({naming::check("accounts", "score_not_negative"), "score >= 0", v::at(27)});
  accounts.unique_constraints.push_back({naming::unique("accounts", {"email"}), {"email"}, v::at(22)});
  Column& nickname = *accounts.find_column("nickname");
  nickname.nullable = false;
  nickname.server_default = "'anonymous'";
  Column locale = v::column("locale", v::string_of(10), false, 28);
  locale.default_value = "\"en\"";
  accounts.columns.push_back(locale);
  return sorted(schema);
}

TEST(OnlineMigrationPostgres, OnlineFormsApplyToATableWithRowsWhileAWriterRuns) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "online_forms");
  auto connection = db::connect(scratch.url());
  create_accounts(*connection, accounts_v1(), 3000);
  const auto plan = online(accounts_v1(), accounts_v2());
  ASSERT_EQ(plan.revisions.size(), 2u) << "the new NOT NULL column is split into expand and contract";
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, accounts_v1()), 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  graph = write_planned(directory, plan.revisions, 2);
  // Every operation of the plan is in its online form.
  std::string files;
  for (const auto* migration : graph.in_order())
    if (migration->revision != revision_id(1)) files += migration->file_text;
  for (const char* form : {"\"concurrently\": true", "\"not_valid\": true", "\"validate_constraint\"",
                           "\"using_index\"", "\"backfill\"", "ck_accounts_nickname_not_null"})
    EXPECT_NE(files.find(form), std::string::npos) << form;

  Writer writer(
      scratch.url(),
      [](int serial) {
        return "INSERT INTO accounts (email, name, score, nickname, team_id) VALUES (" + writer_email(serial) +
               ", 'writer', 1, 'w', 2)";
      },
      [](int serial) { return "UPDATE accounts SET score = score + 1 WHERE id = " + std::to_string(1 + serial % 3000); });
  // The writer is the application version in production, which knows nothing of locale: it
  // runs while expand applies; contract runs once the new version (which writes locale) has
  // replaced it, as the deploy does (`upgrade --to-phase expand`, roll out, `upgrade`).
  std::ostringstream progress;
  const auto before_writes = writer.writes();
  auto expand_options = options_with(&progress);
  expand_options.stop_before_contract = true;
  auto up = migrate::upgrade(*connection, graph, "head", expand_options);
  const auto during = writer.writes() - before_writes;
  writer.stop();
  EXPECT_EQ(up.revisions.size(), 1u);
  EXPECT_EQ(writer.errors(), 0) << writer.first_error();
  EXPECT_GT(during, 0) << "the writer wrote while the migration ran";
  Writer new_version(
      scratch.url(),
      [](int serial) {
        return "INSERT INTO accounts (email, name, score, nickname, team_id, locale) VALUES (" +
               writer_email(1000000 + serial) + ", 'writer', 1, 'w', 2, 'en')";
      },
      [](int serial) { return "UPDATE accounts SET score = score + 1 WHERE id = " + std::to_string(1 + serial % 3000); });
  auto contract = migrate::upgrade(*connection, graph, "head", options_with(&progress));
  new_version.stop();
  EXPECT_EQ(contract.revisions.size(), 1u);
  EXPECT_EQ(new_version.errors(), 0) << new_version.first_error();
  expect_schema(*connection, accounts_v2(), "after the online revisions");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts"), 3000 + writer.inserted() + new_version.inserted());
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE nickname = 'anonymous'"), 1000);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE locale = 'en'"),
            3000 + writer.inserted() + new_version.inserted());
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                               "WHERE NOT i.indisvalid AND c.relnamespace = to_regnamespace(current_schema())"),
            0);
  // Down and up again, online too.
  auto down = migrate::downgrade(*connection, graph, revision_id(1), options_with(nullptr));
  EXPECT_EQ(down.revisions.size(), 2u);
  expect_schema(*connection, accounts_v1(), "after the downgrade");
  migrate::upgrade(*connection, graph, "head", options_with(nullptr));
  expect_schema(*connection, accounts_v2(), "after the second upgrade");
}

// ---- expand / contract ------------------------------------------------------------------

// name renamed to full_name, score int32 -> int64, nickname dropped, a NOT NULL locale with a
// model default: each of the four changes section 3 splits.
Schema accounts_v3() {
  Schema schema = accounts_v1();
  Table& accounts = accounts_of(schema);
  Column& name = *accounts.find_column("name");
  name.name = "full_name";
  name.renamed_from = "name";
  accounts.find_column("score")->type = v::of(TypeKind::int64);
  accounts.indexes.push_back(v::index("accounts", {"score"}, 24));
  std::erase_if(accounts.columns, [](const Column& column) { return column.name == "nickname"; });
  Column locale = v::column("locale", v::string_of(10), false, 28);
  locale.default_value = "\"en\"";
  accounts.columns.push_back(locale);
  return sorted(schema);
}

// The same models created fresh: what the database must look like after contract.
Schema accounts_v3_fresh() { return without_rename_hints(migrate::migration_view(accounts_v3())); }

Schema with_score_index(Schema schema) {
  accounts_of(schema).indexes.push_back(v::index("accounts", {"score"}, 24));
  return sorted(schema);
}

TEST(OnlineMigrationPostgres, ExpandKeepsTheOldApplicationWorkingUntilContract) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "expand_contract");
  auto connection = db::connect(scratch.url());
  // The score index exists before, so the retyped column has one to carry over.
  const Schema before = with_score_index(accounts_v1());
  create_accounts(*connection, before, 2000);

  const auto plan = online(before, accounts_v3(), 300);
  ASSERT_EQ(plan.revisions.size(), 2u);
  EXPECT_EQ(plan.revisions[0].phase, migrate::MigrationPhase::expand);
  EXPECT_EQ(plan.revisions[1].phase, migrate::MigrationPhase::contract);
  const auto directory = scratch_directory() / "migrations";
  // The database already holds `before`: a first revision that creates it, stamped.
  auto create = plain(Schema{}, before);
  RevisionGraph graph = write_planned(directory, create, 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  graph = write_planned(directory, plan.revisions, 2);

  // The old application: writes name, score and nickname, never full_name or locale.
  Writer old_application(
      scratch.url(),
      [](int serial) {
        return "INSERT INTO accounts (email, name, score, nickname) VALUES (" + writer_email(serial) + ", 'old " +
               std::to_string(serial) + "', 7, 'n')";
      },
      [](int serial) {
        return "UPDATE accounts SET name = 'renamed " + std::to_string(serial) + "', score = score + 1 WHERE id = " +
               std::to_string(1 + serial % 2000);
      });
  migrate::ApplyOptions options = options_with(nullptr);
  options.stop_before_contract = true;
  auto expand = migrate::upgrade(*connection, graph, "head", options);
  EXPECT_EQ(expand.revisions, std::vector<std::string>{revision_id(2)});
  EXPECT_EQ(expand.stopped_before, revision_id(3));
  auto phase = migrate::database_phase(graph, expand.final_state);
  ASSERT_TRUE(phase);
  EXPECT_EQ(phase->phase, migrate::MigrationPhase::expand);
  const auto writes_after_expand = old_application.writes();

  // The new application writes full_name; the old one sees it as name, and the other way round.
  connection->execute("INSERT INTO accounts (email, full_name, score, locale) VALUES ('new@example.com', 'new app', 5, 'fr')");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE email = 'new@example.com' AND name = 'new app'"), 1);
  connection->execute("UPDATE accounts SET name = 'set by the old app' WHERE id = 1");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE id = 1 AND full_name = 'set by the old app'"), 1);
  connection->execute("UPDATE accounts SET full_name = 'set by the new app' WHERE id = 2");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE id = 2 AND name = 'set by the new app'"), 1);
  // Every row, old or written since, has both columns in step.
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE full_name IS DISTINCT FROM name"), 0);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE \"_sqlmodel_new_score\" IS DISTINCT FROM score"), 0);

  while (old_application.writes() < writes_after_expand + 20 && old_application.errors() == 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  old_application.stop();
  EXPECT_EQ(old_application.errors(), 0) << old_application.first_error();
  EXPECT_GT(old_application.writes(), writes_after_expand) << "the old application wrote after expand";

  // Contract, once the old application is gone.
  auto contract = migrate::upgrade(*connection, graph, "head", options_with(nullptr));
  EXPECT_EQ(contract.revisions, std::vector<std::string>{revision_id(3)});
  EXPECT_GT(count(*connection, "SELECT count(*) FROM accounts WHERE full_name LIKE 'renamed %' OR full_name LIKE 'old %'"),
            0);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE full_name IS NULL OR locale IS NULL"), 0);
  expect_schema(*connection, accounts_v3_fresh(), "after contract");
  // Equal to a fresh create of the new models, catalog for catalog.
  {
    PostgresScratchSchema fresh(server_url, "fresh_create");
    auto created = db::connect(fresh.url());
    created->begin();
    for (const auto& statement : render_create_all(accounts_v3_fresh(), Dialect::postgresql)) created->execute(statement);
    created->commit();
    EXPECT_EQ(schema::introspected_database_schema(*connection), schema::introspected_database_schema(*created));
  }
  phase = migrate::database_phase(graph, contract.final_state);
  ASSERT_TRUE(phase);
  EXPECT_EQ(phase->phase, migrate::MigrationPhase::contract);

  // Both downgrade.
  const auto rows = count(*connection, "SELECT count(*) FROM accounts");
  migrate::downgrade(*connection, graph, revision_id(2), options_with(nullptr));
  expect_schema(*connection, migrate::replay_to(graph, revision_id(2)), "after the contract's downgrade");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE full_name IS DISTINCT FROM name"), 0);
  migrate::downgrade(*connection, graph, revision_id(1), options_with(nullptr));
  expect_schema(*connection, before, "after the expand's downgrade");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts"), rows);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE id = 2 AND name = 'set by the new app'"), 1);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"), 0);
}

// ---- backfill, killed and resumed ----------------------------------------------------------

// A revision whose backfill takes long enough to be killed in the middle: batches of 50 rows
// with a pause, over `rows` rows.
RevisionGraph slow_backfill_revision(const std::filesystem::path& directory, const Schema& schema) {
  Backfill backfill;
  backfill.table = "accounts";
  backfill.set["nickname"] = "'filled'";
  backfill.where = "\"nickname\" IS DISTINCT FROM 'filled'";
  backfill.batch_size = 50;
  backfill.pause_ms = 20;
  backfill.description = "fill every nickname";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, schema), 1);
  return write_planned(directory, {{{backfill}, {}, std::nullopt}}, 2);
}

template <typename Connect>
void backfill_killed_with_sigkill_resumes(Connect connect) {
  auto connection = connect();
  create_accounts(*connection, accounts_v1(), 3000);
  const auto directory = scratch_directory() / "migrations";
  const RevisionGraph graph = slow_backfill_revision(directory, accounts_v1());
  migrate::stamp(*connection, graph, revision_id(1), options_with(nullptr));
  connection.reset();

  const pid_t child = ::fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    // The runner to kill: its own connection, quiet, nothing of the parent's test state.
    try {
      auto own = connect();
      migrate::upgrade(*own, migrate::read_migrations_directory(directory), "head", options_with(nullptr));
    } catch (...) {
      ::_exit(3);
    }
    ::_exit(0);
  }
  // Killed once its backfill has recorded a few batches.
  connection = connect();
  std::int64_t filled = 0;
  for (int polls = 0; polls < 6000; ++polls) {
    filled = count(*connection, "SELECT count(*) FROM accounts WHERE nickname = 'filled'");
    if (filled >= 500) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the runner finished before it could be killed (filled " << filled << ")";
  const auto filled_at_kill = count(*connection, "SELECT count(*) FROM accounts WHERE nickname = 'filled'");
  EXPECT_GE(filled_at_kill, 500);
  EXPECT_LT(filled_at_kill, 3000) << "killed mid-way";
  auto state = migrate::read_database_state(*connection, graph);
  ASSERT_EQ(state.partial.size(), 1u);
  EXPECT_EQ(state.partial[0].revision, revision_id(2));
  ASSERT_TRUE(state.partial[0].position);
  EXPECT_FALSE(state.applied.count(revision_id(2)));

  // The next upgrade resumes after the last batch recorded, and fills every row.
  std::ostringstream progress;
  auto resumed = migrate::upgrade(*connection, graph, "head", options_with(&progress));
  EXPECT_EQ(resumed.revisions, std::vector<std::string>{revision_id(2)});
  EXPECT_NE(progress.str().find("resuming at step 1/1"), std::string::npos) << progress.str();
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE nickname IS DISTINCT FROM 'filled'"), 0);
  EXPECT_TRUE(resumed.final_state.partial.empty());
  EXPECT_TRUE(resumed.final_state.applied.count(revision_id(2)));
  // The resumed run updated only what the killed one had not: at most one batch again.
  const auto updated = std::stoll(progress.str().substr(progress.str().find("accounts: ") + 10));
  EXPECT_LE(updated, 3000 - filled_at_kill + 50) << progress.str();
}

TEST(OnlineMigrationPostgres, BackfillKilledWithSigkillResumesAndFillsEveryRow) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "backfill_kill");
  backfill_killed_with_sigkill_resumes([&] { return db::connect(scratch.url()); });
}

// The batches a backfill's progress line reports ("... in N batch(es)").
std::int64_t batches_reported(const std::string& progress) {
  const auto at = progress.rfind(" batch(es)");
  if (at == std::string::npos) return -1;
  const auto start = progress.rfind(" in ", at);
  return std::stoll(progress.substr(start + 4, at - start - 4));
}

// A batch holds its rows' locks until it commits, so one that took longer than
// backfill_batch_time halves the next: 1,000 rows at 1 ms each (a pg_sleep in the filter) in
// batches of at most 100 with a 20 ms target run in many small batches; with no target, in
// batches of 100.
TEST(OnlineMigrationPostgres, BackfillBatchesShrinkWhenTheyHoldTheirLocksTooLong) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "backfill_time");
  auto connection = db::connect(scratch.url());
  create_accounts(*connection, accounts_v1(), 1000);
  Backfill backfill;
  backfill.table = "accounts";
  backfill.set["nickname"] = "'filled'";
  backfill.where = "\"nickname\" IS DISTINCT FROM 'filled' AND CAST(pg_sleep(0.001) AS text) IS NOT NULL";
  backfill.batch_size = 100;
  backfill.pause_ms = 0;
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, accounts_v1()), 1);
  graph = write_planned(directory, {{{backfill}, {}, std::nullopt}}, 2);
  migrate::stamp(*connection, graph, revision_id(1), options_with(nullptr));

  std::ostringstream timed;
  auto options = options_with(&timed);
  options.backfill_batch_time = std::chrono::milliseconds(20);
  migrate::upgrade(*connection, graph, "head", options);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE nickname IS DISTINCT FROM 'filled'"), 0);
  EXPECT_GT(batches_reported(timed.str()), 30) << timed.str();

  migrate::downgrade(*connection, graph, revision_id(1), options_with(nullptr));
  connection->execute("UPDATE accounts SET nickname = NULL");
  std::ostringstream fixed;
  options = options_with(&fixed);
  options.backfill_batch_time = std::chrono::milliseconds(0);
  migrate::upgrade(*connection, graph, "head", options);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE nickname IS DISTINCT FROM 'filled'"), 0);
  EXPECT_EQ(batches_reported(fixed.str()), 11) << "ten of 100 rows, then the rest (none)\n" << fixed.str();
}

TEST(OnlineMigrationSqlite, BackfillKilledWithSigkillResumesAndFillsEveryRow) {
  const std::string url = "sqlite:///" + (scratch_directory() / "backfill.db").string();
  backfill_killed_with_sigkill_resumes([&] { return db::connect(url); });
}

// ---- NOT NULL columns filled from the model default ----------------------------------------

Schema accounts_with_defaults() {
  Schema schema = accounts_v1();
  Table& accounts = accounts_of(schema);
  Column locale = v::column("locale", v::string_of(10), false, 30);
  locale.default_value = "\"en\"";
  Column active = v::column("active", v::of(TypeKind::boolean), false, 31);
  active.default_value = "true";
  Column level = v::column("level", v::of(TypeKind::int32), false, 32);
  level.default_value = "3";
  Column joined = v::column("joined_at", v::of(TypeKind::datetime), false, 33);
  joined.type.with_timezone = true;
  joined.default_factory = "now";
  Column token = v::column("token", v::of(TypeKind::uuid), false, 34);
  token.default_factory = "uuid4";
  for (auto* column : {&locale, &active, &level, &joined, &token}) accounts.columns.push_back(*column);
  return sorted(schema);
}

template <typename Connect>
void not_null_columns_take_the_model_default(Connect connect) {
  auto connection = connect();
  create_accounts(*connection, accounts_v1(), 200);
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, accounts_v1()), 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  const auto revision = plain(accounts_v1(), accounts_with_defaults());
  for (const auto& operation : revision.front().upgrade)
    if (const auto* add = std::get_if<AddColumn>(&operation)) {
      EXPECT_TRUE(add->fill_existing_rows) << add->column.name;
    }
  graph = write_planned(directory, revision, 2);
  migrate::upgrade(*connection, graph, "head", options_with(nullptr));
  expect_schema(*connection, accounts_with_defaults(), "after the upgrade");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE locale = 'en' AND level = 3 AND active = TRUE AND "
                               "joined_at IS NOT NULL AND token IS NOT NULL"),
            200);
  EXPECT_EQ(count(*connection, "SELECT count(DISTINCT token) FROM accounts"), 200) << "a UUID per row";
  // No DEFAULT is left in the database: the introspected columns have none.
  const Schema actual = introspect(*connection);
  for (const char* name : {"locale", "active", "level", "joined_at", "token"})
    EXPECT_FALSE(actual.find_table("accounts")->find_column(name)->server_default) << name;
  // And down, and up again.
  migrate::downgrade(*connection, graph, revision_id(1), options_with(nullptr));
  expect_schema(*connection, accounts_v1(), "after the downgrade");
  migrate::upgrade(*connection, graph, "head", options_with(nullptr));
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE locale = 'en'"), 200);
}

TEST(OnlineMigrationSqlite, NotNullColumnsTakeTheModelDefaultOnATableWithRows) {
  const std::string url = "sqlite:///" + (scratch_directory() / "defaults.db").string();
  not_null_columns_take_the_model_default([&] { return db::connect(url); });
}

TEST(OnlineMigrationPostgres, NotNullColumnsTakeTheModelDefaultOnATableWithRows) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "model_defaults");
  not_null_columns_take_the_model_default([&] { return db::connect(scratch.url()); });
}

// ---- lock_timeout and retries --------------------------------------------------------------

TEST(OnlineMigrationPostgres, AStepWhoseLockIsNotGrantedIsRetriedAndReported) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "lock_retry");
  auto connection = db::connect(scratch.url());
  create_accounts(*connection, accounts_v1(), 10);
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, accounts_v1()), 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  Schema with_column = accounts_v1();
  accounts_of(with_column).columns.push_back(v::column("bio", v::of(TypeKind::string), true, 40));
  graph = write_planned(directory, plain(accounts_v1(), sorted(with_column)), 2, 100);

  // A reader holds ACCESS SHARE on accounts, which ADD COLUMN's ACCESS EXCLUSIVE waits for.
  auto reader = db::connect(scratch.url());
  reader->begin();
  reader->query("SELECT count(*) FROM accounts");

  // Without retries left, the upgrade gives up with the lock error and applies nothing.
  migrate::ApplyOptions no_retries = options_with(nullptr);
  no_retries.lock_retry.retries = 0;
  try {
    migrate::upgrade(*connection, graph, "head", no_retries);
    ADD_FAILURE() << "the upgrade did not wait for the lock";
  } catch (const migrate::MigrationFailed& error) {
    EXPECT_NE(std::string(error.what()).find("lock timeout"), std::string::npos) << error.what();
  }

  // With retries, it reports each one; the reader lets go after the first.
  WatchedOutput watched;
  std::ostream progress(&watched);
  migrate::ApplyOptions options = options_with(&progress);
  options.lock_retry.retries = 20;
  std::thread release([&] {
    if (watched.wait_for("retry 1/20")) reader->commit();
  });
  auto up = migrate::upgrade(*connection, graph, "head", options);
  release.join();
  EXPECT_EQ(up.revisions, std::vector<std::string>{revision_id(2)});
  EXPECT_NE(watched.text().find("lock not granted within 100ms"), std::string::npos) << watched.text();
  expect_schema(*connection, sorted(with_column), "after the retried upgrade");
}

// ---- what a failed CONCURRENTLY build or a failed VALIDATE leaves ----------------------------

TEST(OnlineMigrationPostgres, AnInvalidIndexLeftByAFailedBuildIsDroppedBeforeTheRetry) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "invalid_index");
  auto connection = db::connect(scratch.url());
  create_accounts(*connection, accounts_v1(), 100);
  connection->execute("UPDATE accounts SET nickname = 'nick ' || id");
  connection->execute("UPDATE accounts SET nickname = 'same' WHERE id IN (1, 2)");
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, accounts_v1()), 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  Schema unique_nickname = accounts_v1();
  accounts_of(unique_nickname).unique_constraints.push_back({naming::unique("accounts", {"nickname"}), {"nickname"}, {}});
  const auto plan = online(accounts_v1(), sorted(unique_nickname));
  ASSERT_EQ(plan.revisions.size(), 1u);
  graph = write_planned(directory, plan.revisions, 2);

  EXPECT_THROW(migrate::upgrade(*connection, graph, "head", options_with(nullptr)), migrate::MigrationFailed);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                               "WHERE c.relname = 'uq_accounts_nickname' AND NOT i.indisvalid"),
            1) << "CREATE UNIQUE INDEX CONCURRENTLY left an invalid index";
  connection->execute("UPDATE accounts SET nickname = 'other' WHERE id = 2");
  std::ostringstream progress;
  auto up = migrate::upgrade(*connection, graph, "head", options_with(&progress));
  EXPECT_EQ(up.revisions, std::vector<std::string>{revision_id(2)});
  EXPECT_NE(progress.str().find("dropping the invalid index uq_accounts_nickname"), std::string::npos) << progress.str();
  expect_schema(*connection, sorted(unique_nickname), "after the retry");
}

TEST(OnlineMigrationPostgres, ARevisionThatStoppedBetweenItsTransactionsResumesThere) {
  SQLMODEL_REQUIRE_POSTGRES(server_url);
  PostgresScratchSchema scratch(server_url, "partial");
  auto connection = db::connect(scratch.url());
  create_accounts(*connection, accounts_v1(), 100);
  connection->execute("UPDATE accounts SET score = -1 WHERE id = 7");
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, accounts_v1()), 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  Schema checked = accounts_v1();
  accounts_of(checked).check_constraints.push_back({naming::check("accounts", "score_not_negative"), "score >= 0", {}});
  const auto plan = online(accounts_v1(), sorted(checked));
  ASSERT_EQ(plan.revisions.size(), 1u);
  ASSERT_EQ(plan.revisions[0].upgrade.size(), 2u) << "add NOT VALID, then validate";
  graph = write_planned(directory, plan.revisions, 2);

  // The NOT VALID constraint commits; VALIDATE finds the bad row and rolls back.
  try {
    migrate::upgrade(*connection, graph, "head", options_with(nullptr));
    ADD_FAILURE() << "validated a constraint a row breaks";
  } catch (const migrate::MigrationFailed& error) {
    EXPECT_NE(std::string(error.what()).find("next `upgrade` resumes this revision"), std::string::npos) << error.what();
  }
  auto state = migrate::read_database_state(*connection, graph);
  ASSERT_EQ(state.partial.size(), 1u);
  EXPECT_EQ(state.partial[0].steps_done, 1u);
  EXPECT_FALSE(state.applied.count(revision_id(2)));
  // Nothing else moves the database until the revision is finished.
  EXPECT_THROW(migrate::downgrade(*connection, graph, "base", options_with(nullptr)), migrate::RevisionError);

  connection->execute("UPDATE accounts SET score = 0 WHERE id = 7");
  std::ostringstream progress;
  auto up = migrate::upgrade(*connection, graph, "head", options_with(&progress));
  EXPECT_EQ(up.revisions, std::vector<std::string>{revision_id(2)});
  EXPECT_NE(progress.str().find("resuming at step 2/2"), std::string::npos) << progress.str();
  EXPECT_TRUE(up.final_state.partial.empty());
  expect_schema(*connection, sorted(checked), "after the resumed upgrade");
}

// ---- SQLite: the same revisions, in one go ---------------------------------------------------

TEST(OnlineMigrationSqlite, ExpandAndContractApplyAndDowngradeInOneGo) {
  const std::string url = "sqlite:///" + (scratch_directory() / "expand.db").string();
  auto connection = db::connect(url);
  const Schema before = with_score_index(accounts_v1());
  create_accounts(*connection, before, 300);
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, before), 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  const auto plan = online(before, accounts_v3(), 40);
  ASSERT_EQ(plan.revisions.size(), 2u);
  graph = write_planned(directory, plan.revisions, 2);
  auto up = migrate::upgrade(*connection, graph, "head", options_with(nullptr));
  EXPECT_EQ(up.revisions.size(), 2u);
  expect_schema(*connection, accounts_v3_fresh(), "after expand and contract");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE full_name = 'name 7' AND id = 7"), 1);
  // The sync triggers went with contract.
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 0);
  migrate::downgrade(*connection, graph, revision_id(1), options_with(nullptr));
  expect_schema(*connection, before, "after both downgrades");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE name = 'name 7' AND id = 7"), 1);
}

TEST(OnlineMigrationSqlite, TheSyncTriggerKeepsBothColumnsInStepBetweenExpandAndContract) {
  const std::string url = "sqlite:///" + (scratch_directory() / "sync.db").string();
  auto connection = db::connect(url);
  const Schema before = with_score_index(accounts_v1());
  create_accounts(*connection, before, 50);
  const auto directory = scratch_directory() / "migrations";
  RevisionGraph graph = write_planned(directory, plain(Schema{}, before), 1);
  migrate::stamp(*connection, graph, "head", options_with(nullptr));
  graph = write_planned(directory, online(before, accounts_v3(), 40).revisions, 2);
  migrate::ApplyOptions options = options_with(nullptr);
  options.stop_before_contract = true;
  migrate::upgrade(*connection, graph, "head", options);
  connection->execute("UPDATE accounts SET name = 'old app' WHERE id = 1");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE id = 1 AND full_name = 'old app'"), 1);
  connection->execute("UPDATE accounts SET full_name = 'new app' WHERE id = 2");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE id = 2 AND name = 'new app'"), 1);
  connection->execute("INSERT INTO accounts (email, name, score) VALUES ('x@example.com', 'inserted old', 1)");
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE full_name = 'inserted old'"), 1);
  EXPECT_EQ(count(*connection, "SELECT count(*) FROM accounts WHERE full_name IS NOT name"), 0);
}

}  // namespace
}  // namespace sqlmodel::testing
