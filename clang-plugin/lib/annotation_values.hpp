// Reads the option struct literal of one [[clang::annotate("sqlmodel.<kind>", Options{...})]]
// into plain values, keyed by the option struct's member names. The compiler has already
// evaluated the literal: only its APValue is read, never re-evaluated.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clang/AST/Attr.h"
#include "clang/Basic/SourceLocation.h"

namespace sqlmodel::plugin {

struct OptionValue {
  enum class Kind { null, boolean, integer, real, string, strings };
  Kind kind = Kind::null;
  bool boolean = false;
  long long integer = 0;
  double real = 0;
  std::string string;
  std::vector<std::string> strings;

  bool operator==(const OptionValue&) const = default;
};

// Where the user wrote each option (the '.' of its designator) and its value, so diagnostics
// and fix-its point at the option rather than at the whole annotation.
struct WrittenOption {
  clang::SourceLocation designator;
  clang::SourceRange value;
};

struct AnnotationValues {
  std::string kind;  // "table", "field", ... (after "sqlmodel.")
  const clang::AnnotateAttr* attr = nullptr;
  std::map<std::string, OptionValue> values;     // every member of the option struct
  std::map<std::string, WrittenOption> written;  // only the members the user designated
  // Where a new option can be inserted ("." of the first written option), invalid when the
  // annotation has no options.
  clang::SourceLocation first_option;

  bool was_written(const std::string& name) const { return written.count(name) != 0; }
  // The designator of `name` when it was written, else `fallback`.
  clang::SourceLocation location_of(const std::string& name, clang::SourceLocation fallback) const;

  const OptionValue* find(const std::string& name) const;
  std::optional<std::string> string(const std::string& name) const;  // nullopt for nullptr
  bool flag(const std::string& name) const;
  std::optional<bool> tristate(const std::string& name) const;       // sqlmodel::unset -> nullopt
  std::optional<long long> integer(const std::string& name) const;   // sqlmodel::unset -> nullopt
  std::optional<double> bound(const std::string& name) const;        // NaN -> nullopt
  std::vector<std::string> strings(const std::string& name) const;   // nullptr entries skipped
};

// The "sqlmodel.<kind>" annotation's kind, or nullopt for annotations that are not ours.
std::optional<std::string> sqlmodel_annotation_kind(const clang::AnnotateAttr& attr);

// Reads one of our annotations. On failure returns nullopt and sets `error` to a message
// (the option literal was not a constant, an option is not a string literal, ...).
std::optional<AnnotationValues> read_annotation(const clang::AnnotateAttr& attr,
                                                const clang::ASTContext& context,
                                                std::string& error);

}  // namespace sqlmodel::plugin
