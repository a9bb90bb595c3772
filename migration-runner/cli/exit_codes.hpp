// sqlmodel-migrate's exit codes, in one place. Scripts and CI test these numbers: never reuse
// one for a different meaning. errors.cpp maps exceptions to them.
#pragma once

namespace sqlmodel::migrate::cli {

enum ExitCode : int {
  exit_ok = 0,
  // `check` found a difference (models vs migrations, database vs head, an edited applied
  // file), or `lint` an error not acknowledged in the file; the reason is printed. Also a
  // refusal that is not an error of the input.
  exit_not_clean = 1,
  // The command line: unknown verb or option, missing argument.
  exit_usage = 2,
  // The project: sqlmodel.toml, a migration file, the snapshot, the revision graph or a
  // revision argument (unknown, ambiguous, several heads where one is needed).
  exit_project = 3,
  // The database: connection, a failing statement (the migration was rolled back).
  exit_database = 4,
  // Another runner held the migration lock past the timeout.
  exit_locked = 5,
};

inline constexpr const char* exit_codes_help =
    "Exit codes: 0 success; 1 check found a difference or lint an unacknowledged error (reason "
    "printed); 2 usage error; "
    "3 project error (sqlmodel.toml, a migration file, the snapshot, a revision argument); "
    "4 database error; 5 migration lock not obtained in time.";

}  // namespace sqlmodel::migrate::cli
