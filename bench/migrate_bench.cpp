// Migration engine figures (issue 4), a plain timed harness:
//   autogenerate between two 1,000-table snapshots (10 columns, 1 foreign key and 2 indexes
//   each; 10% of the tables changed)                                      target: < 100 ms
//   replay of a 500-revision history, read from its files                 target: < 1 s
// Prints the best and median of several runs against the targets. Not a test: nothing here
// gates a build on timing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "migration_file.hpp"
#include "replay.hpp"
#include "revision_graph.hpp"
#include "schema/diff.hpp"
#include "schema/naming.hpp"
#include "sqlmodel/schema.hpp"

namespace {

using namespace sqlmodel;
using namespace sqlmodel::schema;

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

std::string table_name(int i) {
  char name[32];
  std::snprintf(name, sizeof name, "table_%04d", i);
  return name;
}

// id, parent_id (the foreign key), 8 more columns; indexes on parent_id and on (c1, c2).
Table bench_table(int i) {
  Table table;
  table.name = table_name(i);
  Column id = column("id", type_of(TypeKind::int64), false);
  id.autoincrement = true;
  table.columns.push_back(id);
  table.columns.push_back(column("parent_id", type_of(TypeKind::int64), true));
  for (int c = 1; c <= 8; ++c)
    table.columns.push_back(column("c" + std::to_string(c),
                                   c % 2 ? type_of(TypeKind::string, 100) : type_of(TypeKind::int32), c > 4));
  table.primary_key = PrimaryKey{naming::primary_key(table.name), {"id"}};
  ForeignKey key;
  const std::string parent = table_name(i == 0 ? 0 : i - 1);
  key.name = naming::foreign_key(table.name, {"parent_id"}, parent);
  key.columns = {"parent_id"};
  key.referred_table = parent;
  key.referred_columns = {"id"};
  table.foreign_keys.push_back(key);
  Index by_parent;
  by_parent.name = naming::index(table.name, {"parent_id"});
  by_parent.columns = {"parent_id"};
  Index pair;
  pair.name = naming::index(table.name, {"c1", "c2"});
  pair.columns = {"c1", "c2"};
  table.indexes = {by_parent, pair};
  return table;
}

Schema thousand_tables() {
  Schema schema;
  for (int i = 0; i < 1000; ++i) schema.tables.push_back(bench_table(i));
  sort_canonically(schema);
  return schema;
}

// Every tenth table changed, in one of four ways.
Schema ten_percent_changed(Schema schema) {
  for (int i = 0; i < 1000; i += 10) {
    Table& table = *schema.find_table(table_name(i));
    switch ((i / 10) % 4) {
      case 0:
        table.columns.push_back(column("added", type_of(TypeKind::string, 50), true));
        break;
      case 1:
        table.columns[3].type = type_of(TypeKind::string, 200);
        break;
      case 2: {
        Index extra;
        extra.name = naming::index(table.name, {"c3"});
        extra.columns = {"c3"};
        table.indexes.push_back(extra);
        break;
      }
      case 3:
        table.columns[9].nullable = !table.columns[9].nullable;
        break;
    }
  }
  sort_canonically(schema);
  return schema;
}

struct Timing {
  double best_ms;
  double median_ms;
};

Timing time_runs(int runs, const std::function<void()>& body) {
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    body();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return {times.front(), times[times.size() / 2]};
}

void report(const char* what, Timing timing, double target_ms) {
  std::printf("%-58s best %9.2f ms  median %9.2f ms  target < %6.0f ms  %s\n", what, timing.best_ms,
              timing.median_ms, target_ms, timing.median_ms < target_ms ? "MET" : "MISSED");
}

// 500 revisions: the first creates 20 tables, each later one adds a column, an index or a
// table, as a project's history grows.
std::filesystem::path write_history(const std::filesystem::path& directory) {
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  Schema schema;
  for (int i = 0; i < 20; ++i) schema.tables.push_back(bench_table(i));
  sort_canonically(schema);
  Schema replayed;
  int next_table = 20;
  std::optional<std::string> head;
  for (int r = 0; r < 500; ++r) {
    if (r > 0) {
      Table& table = schema.tables[static_cast<std::size_t>(r) % schema.tables.size()];
      switch (r % 3) {
        case 0:
          table.columns.push_back(column("r" + std::to_string(r), type_of(TypeKind::int64), true));
          break;
        case 1: {
          Index extra;
          const std::string col = table.columns[2 + r % 8].name;
          extra.name = naming::index(table.name, {col}) + "_" + std::to_string(r);
          extra.columns = {col};
          table.indexes.push_back(extra);
          break;
        }
        case 2:
          schema.tables.push_back(bench_table(next_table++));
          break;
      }
      sort_canonically(schema);
    }
    char id[13];
    std::snprintf(id, sizeof id, "%012d", r + 1);
    migrate::Migration migration;
    migration.revision = id;
    if (head) migration.parents = {*head};
    migration.message = "revision " + std::to_string(r);
    migration.created = "2026-11-24T00:00:00Z";
    migration.upgrade = diff(replayed, schema);
    migration.downgrade = invert(migration.upgrade);
    for (const auto& operation : migration.upgrade) apply_to_schema(replayed, operation);
    std::ofstream(directory / migrate::migration_file_name(r + 1, id, migration.message), std::ios::binary)
        << migrate::write_migration(migration);
    head = id;
  }
  return directory;
}

}  // namespace

int main() {
  std::printf("sqlmodel-migrate figures (issue 4)\n");
  // Figures from a shared machine mean little without its load.
  if (std::FILE* load = std::fopen("/proc/loadavg", "r")) {
    char text[64] = {};
    if (std::fgets(text, sizeof text, load)) std::printf("load average at start: %s", text);
    std::fclose(load);
  }
  std::printf("\n");

  const Schema before = thousand_tables();
  const Schema after = ten_percent_changed(before);
  std::size_t operations = 0;
  const Timing autogenerate = time_runs(7, [&] { operations = migrate::autogenerate(before, after).size(); });
  std::printf("autogenerate: 1,000 tables x (10 columns, 1 FK, 2 indexes), 100 changed -> %zu operations\n",
              operations);
  report("  autogenerate (snapshot view + diff)", autogenerate, 100);
  const Timing diff_only = time_runs(7, [&] { diff(before, after); });
  report("  of which diff() alone", diff_only, 100);

  const auto directory = std::filesystem::temp_directory_path() / "sqlmodel-migrate-bench-history";
  write_history(directory);
  std::size_t tables = 0;
  const Timing replay_files = time_runs(5, [&] {
    const auto graph = migrate::read_migrations_directory(directory);
    tables = migrate::replay_to(graph, graph.single_head()).tables.size();
  });
  const auto graph = migrate::read_migrations_directory(directory);
  const Timing replay_memory = time_runs(5, [&] { migrate::replay_to(graph, graph.single_head()); });
  std::printf("\nreplay: 500 revisions -> %zu tables\n", tables);
  report("  read 500 files + build the graph + replay", replay_files, 1000);
  report("  replay only (files already read)", replay_memory, 1000);
  std::filesystem::remove_all(directory);
  return 0;
}
