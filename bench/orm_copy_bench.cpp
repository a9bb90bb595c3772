// Session::bulk_insert (COPY ... FROM STDIN through the models' codecs) against a hand-written
// loop over raw libpq COPY (PQputCopyData of the same rows, formatted by hand), in the same run
// on the same PostgreSQL server: 100,000 rows of a 6-column model, one transaction each.
// Prints the ratio (ORM time / raw time; target <= 1.2). Not a test: nothing fails on timing.
//
//   tools/with-postgres.sh build/bench/orm_copy_bench      (reads SQLMODEL_TEST_PG_URL)
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/orm.hpp"

namespace bench {

struct SQLMODEL_TABLE(.name = "copy_readings") Reading {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string sensor;
  double value = 0;
  std::int32_t count = 0;
  bool flag = false;
  std::optional<std::string> note;
};

}  // namespace bench

// Stand-in for the code the plugin generates (see include/sqlmodel/model_traits.hpp).
template <>
struct sqlmodel::model_traits<bench::Reading> {
  using R = bench::Reading;
  static constexpr std::string_view model_name = "Reading";
  static constexpr std::string_view table_name = "copy_readings";
  static constexpr auto columns = std::tuple{
      column<&R::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                     .autoincrement = true, .nullable = false},
      column<&R::sensor>{.name = "sensor", .kind = schema::TypeKind::string},
      column<&R::value>{.name = "value", .kind = schema::TypeKind::float64},
      column<&R::count>{.name = "count", .kind = schema::TypeKind::int32},
      column<&R::flag>{.name = "flag", .kind = schema::TypeKind::boolean},
      column<&R::note>{.name = "note", .kind = schema::TypeKind::string},
  };
};

namespace bench {
namespace {

constexpr int kRows = 100'000;
constexpr int kRuns = 7;

std::vector<Reading> make_readings() {
  std::vector<Reading> rows(kRows);
  for (int i = 0; i < kRows; ++i) {
    rows[i].sensor = "sensor-" + std::to_string(i % 97);
    rows[i].value = i * 0.5;
    rows[i].count = i;
    rows[i].flag = i % 3 == 0;
    if (i % 10) rows[i].note = "reading\tnumber " + std::to_string(i);  // a tab to escape
  }
  return rows;
}

double seconds_of(const std::function<void()>& body) {
  auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void exec(PGconn* conn, const char* sql) {
  PGresult* result = PQexec(conn, sql);
  const auto status = PQresultStatus(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_COPY_IN)
    throw std::runtime_error(std::string(sql) + ": " + PQerrorMessage(conn));
}

void append_escaped(std::string& out, const std::string& text) {
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

template <typename N>
void append_number(std::string& out, N value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// The raw side: the rows formatted by hand into COPY text, sent in 64 KiB chunks.
void raw_copy(PGconn* conn, const std::vector<Reading>& rows) {
  exec(conn, "BEGIN");
  exec(conn, "COPY copy_readings (sensor, value, count, flag, note) FROM STDIN");
  std::string chunk;
  for (const Reading& row : rows) {
    append_escaped(chunk, row.sensor);
    chunk += '\t';
    append_number(chunk, row.value);
    chunk += '\t';
    append_number(chunk, row.count);
    chunk += '\t';
    chunk += row.flag ? 't' : 'f';
    chunk += '\t';
    if (row.note) append_escaped(chunk, *row.note);
    else chunk += "\\N";
    chunk += '\n';
    if (chunk.size() >= (1 << 16)) {
      if (PQputCopyData(conn, chunk.data(), static_cast<int>(chunk.size())) != 1)
        throw std::runtime_error(PQerrorMessage(conn));
      chunk.clear();
    }
  }
  if (!chunk.empty() && PQputCopyData(conn, chunk.data(), static_cast<int>(chunk.size())) != 1)
    throw std::runtime_error(PQerrorMessage(conn));
  if (PQputCopyEnd(conn, nullptr) != 1) throw std::runtime_error(PQerrorMessage(conn));
  while (PGresult* result = PQgetResult(conn)) {
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    if (!ok) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(conn));
  }
  exec(conn, "COMMIT");
}

}  // namespace
}  // namespace bench

int main() {
  using namespace bench;
  const char* url = std::getenv("SQLMODEL_TEST_PG_URL");
  if (!url) {
    std::fprintf(stderr, "orm_copy_bench: set SQLMODEL_TEST_PG_URL (run under tools/with-postgres.sh)\n");
    return 2;
  }
  PGconn* conn = PQconnectdb(url);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::fprintf(stderr, "orm_copy_bench: %s\n", PQerrorMessage(conn));
    return 2;
  }
  exec(conn,
       "DROP TABLE IF EXISTS copy_readings; CREATE TABLE copy_readings (id BIGSERIAL PRIMARY KEY,"
       " sensor VARCHAR NOT NULL, value DOUBLE PRECISION NOT NULL, count INTEGER NOT NULL,"
       " flag BOOLEAN NOT NULL, note VARCHAR)");
  auto db = sqlmodel::Database::open(url);
  const auto rows = make_readings();
  double raw = 1e9, orm = 1e9;
  auto truncate = [&] { exec(conn, "TRUNCATE copy_readings"); };
  auto run_raw = [&] {
    truncate();
    raw = std::min(raw, seconds_of([&] { raw_copy(conn, rows); }));
  };
  auto run_orm = [&] {
    truncate();
    orm = std::min(orm, seconds_of([&] {
      sqlmodel::Session session(db);
      session.bulk_insert(rows);
      session.commit();
    }));
  };
  for (int run = 0; run < kRuns; ++run) {
    if (run % 2 == 0) {
      run_raw();
      run_orm();
    } else {
      run_orm();
      run_raw();
    }
  }
  PGresult* count = PQexec(conn, "SELECT count(*), count(note), sum(count) FROM copy_readings");
  const std::string counted = PQgetvalue(count, 0, 0), notes = PQgetvalue(count, 0, 1);
  PQclear(count);
  PQfinish(conn);
  if (counted != std::to_string(kRows) || notes != std::to_string(kRows - kRows / 10)) {
    std::fprintf(stderr, "orm_copy_bench: the ORM wrote %s rows (%s notes), expected %d\n",
                 counted.c_str(), notes.c_str(), kRows);
    return 1;
  }
  std::printf("ORM bulk_insert (COPY) vs raw libpq COPY (best of %d runs; ratio = ORM / raw, target <= 1.2)\n", kRuns);
  std::printf("%-40s %12s %12s %8s\n", "", "raw ms", "ORM ms", "ratio");
  std::printf("%-40s %12.2f %12.2f %8.3f\n", "COPY 100,000 rows (one transaction)", raw * 1e3,
              orm * 1e3, orm / raw);
  return 0;
}
