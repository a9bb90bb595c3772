#pragma once

#include <exception>
#include <ostream>

namespace sqlmodel::migrate::cli {

// Prints "sqlmodel-migrate: error: <what>" and returns the ExitCode for the exception (see
// exit_codes.hpp). Verbs throw; this is the one place that decides the code.
int report_error(std::exception_ptr error, std::ostream& err);

}  // namespace sqlmodel::migrate::cli
