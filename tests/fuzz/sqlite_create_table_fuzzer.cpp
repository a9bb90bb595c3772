// The parser of the CREATE TABLE / CREATE INDEX text SQLite keeps in sqlite_schema, which
// introspection reads back (a database file is input too: anyone can hand one over).
#include <stdexcept>

#include "db/connection.hpp"
#include "fuzz_target.hpp"
#include "schema/sqlite_create_table_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sqlmodel;
  const std::string_view sql = fuzz::as_text(data, size);
  fuzz::expect_only<std::runtime_error>([&] { (void)schema::sqlite_sql::parse_create_table(sql); });
  fuzz::expect_only<std::runtime_error>([&] { (void)schema::sqlite_sql::parse_create_index(sql); });
  return 0;
}
