// The migration file reader: any bytes as migrations/<seq>_<rev>_<slug>.json, then every
// operation it holds applied to the schema replayed so far and rendered for both dialects, as
// `upgrade` and `sql` do before running anything.
#include "fuzz_target.hpp"
#include "migration_file.hpp"
#include "schema/render_operations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sqlmodel;
  fuzz::expect_only<migrate::MigrationFileError>(
      [&] { (void)migrate::read_migration(fuzz::as_text(data, size), "0001_000000000001_fuzz.json"); });
  // A file that reads is rendered against an empty schema: an operation that does not fit it
  // is refused with std::invalid_argument (or a MigrationFileError), like a broken file.
  migrate::Migration migration;
  try {
    migration = migrate::read_migration(fuzz::as_text(data, size), "0001_000000000001_fuzz.json");
  } catch (const migrate::MigrationFileError&) {
    return 0;
  }
  for (const auto dialect : {schema::Dialect::sqlite, schema::Dialect::postgresql})
    for (const auto* operations : {&migration.upgrade, &migration.downgrade})
      fuzz::expect_only<std::invalid_argument>(
          [&] { (void)schema::render_operations(*operations, schema::Schema{}, dialect); });
  return 0;
}
