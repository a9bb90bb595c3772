// The snapshot reader: any bytes as a schema snapshot file.
#include "fuzz_target.hpp"
#include "schema/snapshot_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sqlmodel;
  fuzz::expect_only<schema::SnapshotError>([&] {
    const schema::Schema schema = schema::read_snapshot(fuzz::as_text(data, size), "fuzz.schema.json");
    // What was read is written back and read again to the same schema.
    const std::string written = schema::write_snapshot(schema);
    if (!(schema::read_snapshot(written, "rewritten.schema.json") == schema)) std::abort();
  });
  return 0;
}
