// Session::bulk_insert (COPY ... FROM STDIN through the models' codecs) against a hand-written
// loop over raw libpq COPY (PQputCopyData of the same rows, formatted by hand), in the same run
// on the same PostgreSQL server: 100,000 rows of a 6-column model, one transaction each.
// Prints the ratio (ORM time / raw time; target <= 1.2). Not a test: nothing fails on timing.
//
//   tools/with-postgres.sh build/bench/orm_copy_bench      (reads SQLMODEL_TEST_PG_URL)
#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "sqlmodel/orm.hpp"

namespace bench {
namespace {

constexpr int kRows = 100'000;
constexpr int kRuns = 7;

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
  exec(conn, "COPY readings (sensor, value, count, flag, note) FROM STDIN");
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
  exec(conn, (std::string("DROP TABLE IF EXISTS readings; CREATE TABLE readings (id BIGSERIAL PRIMARY KEY, ") +
              kReadingsColumns + ")")
                 .c_str());
  auto db = sqlmodel::Database::open(url);
  const auto rows = make_readings(kRows);
  Figure copy{"COPY 100,000 rows (one transaction)"};
  auto truncate = [&] { exec(conn, "TRUNCATE readings"); };
  alternate(
      kRuns,
      [&] {
        truncate();
        copy.raw.push_back(seconds_of([&] { raw_copy(conn, rows); }));
      },
      [&] {
        truncate();
        copy.orm.push_back(seconds_of([&] {
          sqlmodel::Session session(db);
          session.bulk_insert(rows);
          session.commit();
        }));
      });
  PGresult* count = PQexec(conn, "SELECT count(*), count(note), sum(count) FROM readings");
  const std::string counted = PQgetvalue(count, 0, 0), notes = PQgetvalue(count, 0, 1);
  PQclear(count);
  PQfinish(conn);
  if (counted != std::to_string(kRows) || notes != std::to_string(kRows - kRows / 10)) {
    std::fprintf(stderr, "orm_copy_bench: the ORM wrote %s rows (%s notes), expected %d\n",
                 counted.c_str(), notes.c_str(), kRows);
    return 1;
  }
  print_ratios("ORM bulk_insert (COPY) vs raw libpq COPY", 1.2, {&copy});
  return 0;
}
