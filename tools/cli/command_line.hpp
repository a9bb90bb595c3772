// What every sqlmodel command-line tool says the same way: `--version` (the package version
// and the file formats the tool reads and writes) and an unknown verb (named, with the closest
// verb suggested).
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sqlmodel::cli {

// A file format a tool reads or writes, by the number in its "format" key.
struct FileFormat {
  std::string_view name;  // "schema snapshot", "migration file"
  int reads = 0;          // the one version it reads; 0 when it does not read the format
  int writes = 0;         // the version it writes; 0 when it does not write the format
};

// The package version this build was configured with (CMake's project(VERSION)).
std::string_view package_version();

// "sqlmodel-migrate 0.1.0 (sqlmodel-cpp)\nreads:  schema snapshot format 1, ...\nwrites: ..."
// (no trailing newline).
std::string version_text(std::string_view program, std::initializer_list<FileFormat> formats);

// The verb as typed: the first word of `argv` that is neither an option nor the value of one of
// `options_with_value` (spelled "-c", "--config"; the "--config=x" and "-cx" forms carry their
// value); nullopt when there is none.
std::optional<std::string_view> typed_verb(int argc, const char* const* argv,
                                           std::span<const std::string_view> options_with_value);

// When `verb` is not one of `verbs`: the error message, naming the closest verb when one is
// likely and listing them all. nullopt for a known verb.
std::optional<std::string> unknown_verb_error(std::string_view verb, std::span<const std::string_view> verbs);

}  // namespace sqlmodel::cli
