// What a migration costs the application writing to the table it changes (issue 11, section 5).
//
//   tools/with-postgres.sh build/bench/online_migration_bench [--rows N] [--writers W]
//                                                             [--plan default|online|both]
//
// A table of N rows (default 2,000,000) and W writer connections (default 4), each inserting a
// row and updating a random one in a loop, every statement in autocommit. The same chain of
// changes is applied once as `revision` writes it (the default plan) and once as
// `revision --online` writes it: add an index, add a foreign key, add a check, set NOT NULL, add a
// NOT NULL column with a default, rename a column, change int32 to int64. For each step it prints
// how long the step took, the longest a single write waited while it ran (the writers' stall),
// the 99th percentile of the writes' latency, the writes that failed, and the rows the writers
// inserted that are not in the table afterwards. Online, a split change prints its expand and its
// contract revision; between them the writers switch to the new column names, as the rolled-out
// application would. In the default plan they switch right after the step: the writes that used
// the old name meanwhile are its errors. With --plan both (the default) it ends with each
// change's ratio of the two plans' longest stalls and p99s, measured in the same run.
//
// Not a test: nothing here gates a build on timing. The figures are in the README.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "apply_engine.hpp"
#include "db/connection.hpp"
#include "new_revision.hpp"
#include "online_plan.hpp"
#include "replay.hpp"
#include "schema/diff.hpp"
#include "schema/naming.hpp"

namespace {

using namespace sqlmodel;
using namespace sqlmodel::schema;
using Clock = std::chrono::steady_clock;

// ---- the models, one version per step ------------------------------------------------------

ColumnType type_of(TypeKind kind, std::optional<int> max_length = std::nullopt) {
  ColumnType type;
  type.kind = kind;
  type.max_length = max_length;
  return type;
}

Column column(std::string name, ColumnType type, bool nullable) {
  Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  return result;
}

Schema initial_models() {
  Schema schema;
  Table categories;
  categories.name = "categories";
  Column id = column("id", type_of(TypeKind::int64), false);
  id.autoincrement = true;
  categories.columns = {id, column("name", type_of(TypeKind::string, 50), false)};
  categories.primary_key = PrimaryKey{naming::primary_key("categories"), {"id"}};
  Table items;
  items.name = "items";
  items.columns = {id,
                   column("account_id", type_of(TypeKind::int32), false),
                   column("amount", type_of(TypeKind::int32), false),
                   column("category_id", type_of(TypeKind::int64), true),
                   column("note", type_of(TypeKind::string, 100), true),
                   column("label", type_of(TypeKind::string, 50), false),
                   column("quantity", type_of(TypeKind::int32), false)};
  items.primary_key = PrimaryKey{naming::primary_key("items"), {"id"}};
  schema.tables = {categories, items};
  sort_canonically(schema);
  return schema;
}

struct Step {
  std::string name;
  std::function<void(Table& items)> change;
};

std::vector<Step> chain() {
  return {
      {"add index", [](Table& items) {
         Index index;
         index.name = naming::index("items", {"account_id"});
         index.columns = {"account_id"};
         items.indexes.push_back(index);
       }},
      {"add foreign key", [](Table& items) {
         ForeignKey key;
         key.name = naming::foreign_key("items", {"category_id"}, "categories");
         key.columns = {"category_id"};
         key.referred_table = "categories";
         key.referred_columns = {"id"};
         items.foreign_keys.push_back(key);
       }},
      {"add check", [](Table& items) {
         items.check_constraints.push_back({naming::check("items", "amount_not_negative"), "amount >= 0", {}});
       }},
      {"set NOT NULL", [](Table& items) { items.find_column("note")->nullable = false; }},
      {"add NOT NULL column with default", [](Table& items) {
         Column status = column("status", type_of(TypeKind::string, 20), false);
         status.server_default = "'new'";
         items.columns.push_back(status);
       }},
      {"rename a column", [](Table& items) {
         Column& label = *items.find_column("label");
         label.name = "title";
         label.renamed_from = "label";
       }},
      {"int32 -> int64", [](Table& items) { items.find_column("quantity")->type = type_of(TypeKind::int64); }},
  };
}

// ---- writers ---------------------------------------------------------------------------------

struct Write {
  Clock::time_point start, end;
  bool failed = false;
};

class Writers {
 public:
  Writers(const std::string& url, int count, std::int64_t rows) : rows_(rows) {
    for (int i = 0; i < count; ++i) threads_.emplace_back([this, url, i] { run(url, i); });
  }
  ~Writers() { stop(); }
  void stop() {
    stop_ = true;
    for (auto& thread : threads_)
      if (thread.joinable()) thread.join();
  }
  // The name the application writes the renamed column by.
  void use_label_name(const std::string& name) {
    std::lock_guard lock(mutex_);
    label_ = name;
  }
  // The writes that started in [from, to), and those that were already waiting at `from`.
  std::vector<Write> writes_between(Clock::time_point from, Clock::time_point to) {
    std::lock_guard lock(mutex_);
    std::vector<Write> result;
    for (const auto& write : writes_)
      if (write.start < to && (write.start >= from || write.end >= from)) result.push_back(write);
    return result;
  }
  std::vector<std::string> inserted_ids() {
    std::lock_guard lock(mutex_);
    return inserted_;
  }

 private:
  void run(const std::string& url, int seed) {
    auto connection = db::connect(url);
    std::mt19937_64 random(static_cast<unsigned>(seed) * 7919u + 17u);
    std::uniform_int_distribution<std::int64_t> row(1, rows_);
    for (std::int64_t n = 0; !stop_; ++n) {
      std::string label;
      {
        std::lock_guard lock(mutex_);
        label = label_;
      }
      const bool insert = n % 2 == 0;
      Write write;
      write.start = Clock::now();
      std::optional<std::string> id;
      try {
        if (insert) {
          auto result = connection->query(
              "INSERT INTO items (account_id, amount, category_id, note, \"" + label + "\", quantity) VALUES "
              "($1, 1, 1, 'written', 'w', 2) RETURNING id",
              {std::to_string(random() % 100000)});
          id = result.rows.at(0).at(0);
        } else {
          connection->query("UPDATE items SET amount = amount + 1, quantity = quantity + 1 WHERE id = $1",
                            {std::to_string(row(random))});
        }
      } catch (const std::exception&) {
        write.failed = true;
      }
      write.end = Clock::now();
      std::lock_guard lock(mutex_);
      writes_.push_back(write);
      if (id) inserted_.push_back(*id);
    }
  }

  std::int64_t rows_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::string label_ = "label";
  std::vector<Write> writes_;
  std::vector<std::string> inserted_;
  std::vector<std::thread> threads_;
};

// ---- one plan ------------------------------------------------------------------------------

struct Figures {
  std::string step;
  double seconds = 0;
  double longest_stall_ms = 0;
  double p99_ms = 0;
  std::size_t writes = 0, errors = 0;
};

Figures figures_of(const std::string& step, Clock::time_point from, Clock::time_point to, Writers& writers) {
  Figures figures;
  figures.step = step;
  figures.seconds = std::chrono::duration<double>(to - from).count();
  std::vector<double> latencies;
  for (const auto& write : writers.writes_between(from, to)) {
    const double ms = std::chrono::duration<double, std::milli>(write.end - write.start).count();
    figures.longest_stall_ms = std::max(figures.longest_stall_ms, ms);
    // A write belongs to the step it started in; one already waiting counts only as a stall.
    if (write.start < from) continue;
    latencies.push_back(ms);
    ++figures.writes;
    if (write.failed) ++figures.errors;
  }
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    figures.p99_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
  }
  return figures;
}

std::string scratch_url(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

std::vector<Figures> run_plan(const std::string& server_url, bool online, std::int64_t rows, int writer_count,
                              std::int64_t& lost) {
  const std::string schema_name = online ? "bench_online" : "bench_default";
  auto admin = db::connect(server_url);
  admin->execute("DROP SCHEMA IF EXISTS " + schema_name + " CASCADE");
  admin->execute("CREATE SCHEMA " + schema_name);
  const std::string url = scratch_url(server_url, schema_name);
  auto connection = db::connect(url);

  const auto directory = std::filesystem::temp_directory_path() / ("online_bench_" + schema_name);
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  auto write = [&](std::vector<Operation> upgrade, std::vector<Operation> downgrade,
                   std::optional<migrate::MigrationPhase> phase) {
    auto graph = migrate::read_migrations_directory(directory);
    migrate::NewRevision revision;
    revision.message = "step";
    if (auto head = graph.single_head()) revision.parents = {*head};
    revision.upgrade = std::move(upgrade);
    revision.downgrade = std::move(downgrade);
    revision.phase = phase;
    if (online) {
      revision.lock_timeout_ms = 2000;
      revision.lock_retries = 5;
    }
    return migrate::write_new_revision(directory, graph, std::move(revision)).revision;
  };

  // The table and its rows, created directly (as fast as PostgreSQL can), recorded as revision 1.
  Schema models = initial_models();
  const auto create = diff(Schema{}, models);
  const std::string first = write(create, invert(create), std::nullopt);
  std::printf("  [%s] creating %lld rows...\n", online ? "online" : "default", static_cast<long long>(rows));
  std::fflush(stdout);
  migrate::ApplyOptions quiet;
  quiet.lock.database_name = schema_name;
  migrate::upgrade(*connection, migrate::read_migrations_directory(directory), first, quiet);
  connection->execute("INSERT INTO categories (name) VALUES ('one'), ('two')");
  connection->execute("INSERT INTO items (account_id, amount, category_id, note, label, quantity) "
                      "SELECT (g % 100000)::int, (g % 1000)::int, 1 + (g % 2), 'note ' || g, 'label ' || g, (g % 100)::int "
                      "FROM generate_series(1, " + std::to_string(rows) + ") AS g");
  connection->execute("VACUUM ANALYZE items");
  // The fill's WAL and dirty pages are flushed now, not by a checkpoint during the first step:
  // at 8,000,000 rows that checkpoint slowed the writers' statements by 0.3-0.4 s (no lock
  // waited), which would be counted as the first step's stall.
  connection->execute("CHECKPOINT");

  Writers writers(url, writer_count, rows);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::vector<Figures> result;
  migrate::ApplyOptions options;
  options.lock.database_name = schema_name;
  for (const auto& step : chain()) {
    Schema next = models;
    step.change(*next.find_table("items"));
    sort_canonically(next);
    std::vector<migrate::PlannedRevision> planned;
    if (online) {
      migrate::OnlinePlanSettings settings;
      planned = migrate::plan_online(models, next, settings).revisions;
    } else {
      auto operations = migrate::autogenerate(models, next);
      planned.push_back({operations, invert(operations), std::nullopt});
    }
    for (const auto& revision : planned) {
      const std::string id = write(revision.upgrade, revision.downgrade, revision.phase);
      const auto graph = migrate::read_migrations_directory(directory);
      const auto from = Clock::now();
      migrate::upgrade(*connection, graph, id, options);
      const auto to = Clock::now();
      // The new application version takes over once the change is in place (online: after
      // expand, before contract).
      const bool renamed_now = step.name == "rename a column" &&
                               (!online || revision.phase != migrate::MigrationPhase::contract);
      if (renamed_now) writers.use_label_name("title");
      std::string name = step.name;
      if (revision.phase) name += revision.phase == migrate::MigrationPhase::expand ? " (expand)" : " (contract)";
      // Writes that failed with the old name until the switch belong to this step.
      result.push_back(figures_of(name, from, renamed_now ? Clock::now() : to, writers));
      std::printf("  [%s] %-44s %8.2f s\n", online ? "online" : "default", name.c_str(), result.back().seconds);
      std::fflush(stdout);
    }
    models = without_rename_hints(next);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  writers.stop();
  const auto ids = writers.inserted_ids();
  std::int64_t found = 0;
  for (std::size_t i = 0; i < ids.size(); i += 1000) {
    std::string list;
    for (std::size_t j = i; j < std::min(ids.size(), i + 1000); ++j) list += (list.empty() ? "" : ",") + ids[j];
    found += std::stoll(*connection->query("SELECT count(*) FROM items WHERE id IN (" + list + ")").rows.at(0).at(0));
  }
  lost = static_cast<std::int64_t>(ids.size()) - found;
  admin->execute("DROP SCHEMA " + schema_name + " CASCADE");
  std::filesystem::remove_all(directory);
  return result;
}

void print(const char* plan, const std::vector<Figures>& figures, std::int64_t lost) {
  std::printf("\n%s plan\n", plan);
  std::printf("%-44s %9s %14s %9s %8s %7s\n", "step", "time", "longest stall", "p99", "writes", "errors");
  for (const auto& row : figures)
    std::printf("%-44s %7.2f s %11.1f ms %6.1f ms %8zu %7zu\n", row.step.c_str(), row.seconds, row.longest_stall_ms,
                row.p99_ms, row.writes, row.errors);
  std::printf("rows the writers inserted that are not in the table: %lld\n", static_cast<long long>(lost));
}

// The name of the change a row measures: an online step's "(expand)" / "(contract)" cut off.
std::string change_of(const std::string& step) {
  const auto at = step.find(" (");
  return at == std::string::npos ? step : step.substr(0, at);
}

// Per change of the chain, the worst of its revisions (an online change may take two).
Figures worst_of(const std::vector<Figures>& figures, const std::string& change) {
  Figures worst;
  worst.step = change;
  for (const auto& row : figures) {
    if (change_of(row.step) != change) continue;
    worst.seconds += row.seconds;
    worst.longest_stall_ms = std::max(worst.longest_stall_ms, row.longest_stall_ms);
    worst.p99_ms = std::max(worst.p99_ms, row.p99_ms);
    worst.writes += row.writes;
    worst.errors += row.errors;
  }
  return worst;
}

// The two plans of this run side by side: how many times longer the default plan stalled the
// writers than the online plan did (x > 1: the online plan stalled them less).
void print_ratios(const std::vector<Figures>& default_figures, const std::vector<Figures>& online_figures) {
  std::printf("\ndefault plan / online plan, same run\n");
  std::printf("%-34s %14s %14s %8s %10s %8s\n", "change", "stall default", "stall online", "ratio", "p99 ratio",
              "errors");
  for (const auto& step : chain()) {
    const Figures naive = worst_of(default_figures, step.name);
    const Figures online = worst_of(online_figures, step.name);
    auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    std::printf("%-34s %11.1f ms %11.1f ms %7.1fx %9.1fx %3zu/%-4zu\n", step.name.c_str(), naive.longest_stall_ms,
                online.longest_stall_ms, ratio(naive.longest_stall_ms, online.longest_stall_ms),
                ratio(naive.p99_ms, online.p99_ms), naive.errors, online.errors);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t rows = 2000000;
  int writer_count = 4;
  std::string plan = "both";
  const char* env_url = std::getenv("SQLMODEL_TEST_PG_URL");
  std::string url = env_url ? env_url : "";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "online_migration_bench: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--rows") rows = std::stoll(value());
    else if (arg == "--writers") writer_count = std::stoi(value());
    else if (arg == "--plan") plan = value();
    else if (arg == "--url") url = value();
    else {
      std::fprintf(stderr,
                   "usage: online_migration_bench [--rows N] [--writers W] [--plan default|online|both] [--url URL]\n"
                   "  (under tools/with-postgres.sh, which sets SQLMODEL_TEST_PG_URL)\n");
      return 2;
    }
  }
  if (url.empty() || rows < 1000 || writer_count < 1 || (plan != "default" && plan != "online" && plan != "both")) {
    std::fprintf(stderr, "online_migration_bench: needs a PostgreSQL URL (run it under tools/with-postgres.sh), "
                         "--rows of at least 1000, --writers of at least 1, --plan default|online|both\n");
    return 2;
  }
  std::printf("online_migration_bench: %lld rows, %d writers\n", static_cast<long long>(rows), writer_count);
  try {
    std::int64_t lost_default = 0, lost_online = 0;
    std::vector<Figures> default_figures, online_figures;
    if (plan != "online") default_figures = run_plan(url, false, rows, writer_count, lost_default);
    if (plan != "default") online_figures = run_plan(url, true, rows, writer_count, lost_online);
    if (!default_figures.empty()) print("default", default_figures, lost_default);
    if (!online_figures.empty()) print("online", online_figures, lost_online);
    if (!default_figures.empty() && !online_figures.empty()) print_ratios(default_figures, online_figures);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "online_migration_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}
