#include "errors.hpp"

#include <stdexcept>

#include "context.hpp"
#include "exit_codes.hpp"
#include "db/connection.hpp"
#include "migration_file.hpp"
#include "migration_lock.hpp"
#include "project_config.hpp"
#include "revision_graph.hpp"

namespace sqlmodel::migrate::cli {

int report_error(std::exception_ptr error, const Context& context) {
  auto print = [&](const std::string& message) {
    context.err << program_name << ": error: " << context.masked(message) << '\n';
  };
  try {
    std::rethrow_exception(error);
  } catch (const ConfigError& problem) {
    print(problem.what());
    return exit_project;
  } catch (const RevisionError& problem) {
    print(problem.what());
    return exit_project;
  } catch (const MigrationFileError& problem) {  // also snapshots: the same error type
    print(problem.what());
    return exit_project;
  } catch (const MigrationLockTimeout& problem) {
    print(problem.what());
    return exit_locked;
  } catch (const DatabaseError& problem) {  // also MigrationFailed: the migration was rolled back
    print(problem.what());
    return exit_database;
  } catch (const std::exception& problem) {
    print(problem.what());
    return exit_not_clean;
  }
}

}  // namespace sqlmodel::migrate::cli
