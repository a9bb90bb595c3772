// foundation-demo OUTPUT.json: writes the snapshot of a small task tracker schema, the file
// the Clang plugin will write for annotated models. tools/demo.sh then creates it in SQLite
// with sqlmodel-init-db.
#include <exception>
#include <iostream>

#include "demo_schema.hpp"
#include "schema/snapshot_json.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: foundation-demo OUTPUT.json\n";
    return 2;
  }
  try {
    const auto schema = demo::task_tracker_schema();
    sqlmodel::schema::write_snapshot_file(schema, argv[1]);
    std::cout << "foundation-demo: wrote the snapshot of " << schema.tables.size() << " tables and "
              << schema.enums.size() << " enum to " << argv[1] << '\n';
  } catch (const std::exception& error) {
    std::cerr << "foundation-demo: error: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
