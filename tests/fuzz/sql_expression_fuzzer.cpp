// The SQL expression normalizer (server defaults, CHECKs and index predicates compared with
// what a catalog echoes back) and the lexical helpers it shares with replay's column renames.
#include "fuzz_target.hpp"
#include "schema/lower.hpp"
#include "schema/sql_lexical.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sqlmodel;
  const std::string_view text = fuzz::as_text(data, size);
  fuzz::expect_only<std::invalid_argument>([&] {
    const std::string once = schema::normalize_sql_expression(text);
    // Normalising is idempotent: a catalog's echo of a normalised expression compares equal.
    if (schema::normalize_sql_expression(once) != once) std::abort();
  });
  fuzz::expect_only<std::invalid_argument>([&] {
    (void)schema::rename_column_in_expression(text, "status", "state");
    (void)schema::is_string_literal(text);
    (void)schema::is_number_literal(text);
    (void)schema::upper_ascii(schema::trim_sql(text));
  });
  return 0;
}
