#include "migration_progress.hpp"

#include "schema/operations_json.hpp"
#include "version_table.hpp"

namespace sqlmodel::migrate {
namespace {

using schema::Dialect;

std::string quoted_table(Dialect dialect) { return schema::quote_identifier(dialect, progress_table_name); }

std::string placeholder(Dialect dialect, int number) {
  return (dialect == Dialect::postgresql ? "$" : "?") + std::to_string(number);
}

}  // namespace

std::string steps_checksum(const Migration& migration, bool upgrade, std::size_t steps) {
  const auto& operations = upgrade ? migration.upgrade : migration.downgrade;
  std::vector<schema::Operation> done(operations.begin(),
                                      operations.begin() + static_cast<std::ptrdiff_t>(std::min(steps, operations.size())));
  return sha256_hex(schema::to_json(done).dump());
}

bool ProgressTable::exists() { return bookkeeping_table_exists(connection_, progress_table_name); }

std::vector<RevisionProgress> ProgressTable::read() {
  if (!exists()) return {};
  auto result = connection_.query("SELECT \"revision\", \"direction\", \"steps_done\", \"done_checksum\", \"position\", "
                                  "\"updated_at\" FROM " + quoted_table(connection_.dialect()) +
                                  " ORDER BY \"revision\"");
  std::vector<RevisionProgress> rows;
  for (const auto& row : result.rows) {
    RevisionProgress progress;
    progress.revision = row[0].value_or("");
    progress.upgrade = row[1].value_or("") != "downgrade";
    try {
      progress.steps_done = static_cast<std::size_t>(std::stoull(row[2].value_or("0")));
    } catch (const std::exception&) {
      throw DatabaseError(std::string(progress_table_name) + ".steps_done of revision " + progress.revision +
                              " holds '" + row[2].value_or("") + "', not a number");
    }
    progress.done_checksum = row[3].value_or("");
    progress.position = row[4];
    progress.updated_at = row[5].value_or("");
    rows.push_back(std::move(progress));
  }
  return rows;
}

void ProgressTable::save(const RevisionProgress& progress) {
  const Dialect dialect = connection_.dialect();
  connection_.execute("CREATE TABLE IF NOT EXISTS " + quoted_table(dialect) +
                      " (\"revision\" VARCHAR(32) NOT NULL PRIMARY KEY, \"direction\" VARCHAR(10) NOT NULL, "
                      "\"steps_done\" BIGINT NOT NULL, \"done_checksum\" VARCHAR(64) NOT NULL, \"position\" TEXT, "
                      "\"updated_at\" VARCHAR(32) NOT NULL)");
  std::string values;
  for (int i = 1; i <= 6; ++i) values += (i > 1 ? ", " : "") + placeholder(dialect, i);
  connection_.query("INSERT INTO " + quoted_table(dialect) +
                        " (\"revision\", \"direction\", \"steps_done\", \"done_checksum\", \"position\", \"updated_at\") "
                        "VALUES (" + values + ") ON CONFLICT (\"revision\") DO UPDATE SET "
                        "\"direction\" = excluded.\"direction\", \"steps_done\" = excluded.\"steps_done\", "
                        "\"done_checksum\" = excluded.\"done_checksum\", \"position\" = excluded.\"position\", "
                        "\"updated_at\" = excluded.\"updated_at\"",
                    {progress.revision, std::string(progress.upgrade ? "upgrade" : "downgrade"),
                     std::to_string(progress.steps_done), progress.done_checksum, progress.position,
                     utc_timestamp_now()});
}

void ProgressTable::remove(const std::string& revision) {
  if (!exists()) return;
  const Dialect dialect = connection_.dialect();
  connection_.query("DELETE FROM " + quoted_table(dialect) + " WHERE \"revision\" = " + placeholder(dialect, 1),
                    {revision});
}

}  // namespace sqlmodel::migrate
