#include "gcc_flags.hpp"

#include <array>
#include <string_view>

namespace sqlmodel::check {
namespace {

// Options GCC knows and Clang's driver refuses as unknown arguments.
constexpr std::array<std::string_view, 30> gcc_only_prefixes{
    "-fconcepts-diagnostics-depth", "-fanalyzer",          "-fcoroutines",
    "-fmodules-ts",                 "-fno-gnu-unique",     "-fconserve-stack",
    "-fno-allow-store-data-races",  "-fipa-",              "-fno-ipa-",
    "-ftree-",                      "-fno-tree-",          "-fvar-tracking",
    "-fno-var-tracking",            "-mabi=",              "-fstack-reuse",
    "-fsched-",                     "-fno-sched-",         "-fmax-errors",
    "-flto-partition",              "-ffat-lto-objects",   "-fno-fat-lto-objects",
    "-fdiagnostics-urls",           "-fdiagnostics-path-format", "-fno-diagnostics-show-line-numbers",
    "-fpredictive-commoning",       "-fgcse",              "-fno-gcse",
    "-flto=auto",                   "-flto=jobserver",     "-fplugin=",
};

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

bool is_gcc_only_flag(const std::string& arg) {
  for (std::string_view prefix : gcc_only_prefixes)
    if (starts_with(arg, prefix)) return true;
  return starts_with(arg, "-fplugin-arg-");  // GCC plugins' arguments
}

std::vector<std::string> strip_gcc_only_flags(const std::vector<std::string>& args) {
  std::vector<std::string> result;
  result.reserve(args.size() + 2);
  for (const std::string& arg : args)
    if (!is_gcc_only_flag(arg)) result.push_back(arg);
  // GCC-only warning names (-Wlogical-op, -Wduplicated-cond, ...) are warnings to Clang; keep
  // them from drowning the model diagnostics.
  result.push_back("-Wno-unknown-warning-option");
  return result;
}

}  // namespace sqlmodel::check
