// Compile commands written for GCC, made acceptable to Clang's front end.
#pragma once

#include <string>
#include <vector>

namespace sqlmodel::check {

// True for a GCC option Clang rejects ("-fconcepts-diagnostics-depth=3", "-fanalyzer", ...).
bool is_gcc_only_flag(const std::string& arg);

// Drops GCC-only options (and the value of those that take a separate one) and adds what a
// GCC build's warnings need to stay quiet under Clang.
std::vector<std::string> strip_gcc_only_flags(const std::vector<std::string>& args);

}  // namespace sqlmodel::check
