#pragma once

#include <exception>
#include <ostream>

namespace sqlmodel::migrate::cli {

class Context;

// Prints "sqlmodel-migrate: error: <what>" on context.err, the URLs' secrets masked, and returns
// the ExitCode for the exception (see exit_codes.hpp). Verbs throw; this is the one place that
// decides the code.
int report_error(std::exception_ptr error, const Context& context);

}  // namespace sqlmodel::migrate::cli
