// Reads the option struct literal of one [[clang::annotate("sqlmodel.<kind>", Options{...})]]
// into plain values, keyed by the option struct's member names. The compiler has already
// evaluated the literal: only its APValue is read, never re-evaluated.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
  // Every member of the option struct, in declaration order; a name points at the member's
  // identifier, which lives as long as the AST. A vector rather than a map: an annotation has
  // some thirty options and a translation unit thousands of annotations, so building, copying
  // and searching node-based maps was most of the time the plugin took to read the models.
  std::vector<std::pair<std::string_view, OptionValue>> values;
  std::map<std::string, WrittenOption, std::less<>> written;  // only the members the user designated
  // Where a new option can be inserted ("." of the first written option), invalid when the
  // annotation has no options.
  clang::SourceLocation first_option;

  bool was_written(std::string_view name) const { return written.find(name) != written.end(); }
  // The designator of `name` when it was written, else `fallback`.
  clang::SourceLocation location_of(std::string_view name, clang::SourceLocation fallback) const;

  const OptionValue* find(std::string_view name) const;
  std::optional<std::string> string(std::string_view name) const;  // nullopt for nullptr
  bool flag(std::string_view name) const;
  std::optional<bool> tristate(std::string_view name) const;       // sqlmodel::unset -> nullopt
  std::optional<long long> integer(std::string_view name) const;   // sqlmodel::unset -> nullopt
  std::optional<double> bound(std::string_view name) const;        // NaN -> nullopt
  std::vector<std::string> strings(std::string_view name) const;   // nullptr entries skipped
};

// The "sqlmodel.<kind>" annotation's kind, or nullopt for annotations that are not ours.
std::optional<std::string> sqlmodel_annotation_kind(const clang::AnnotateAttr& attr);

// Reads one of our annotations. On failure returns nullopt and sets `error` to a message
// (the option literal was not a constant, an option is not a string literal, ...).
std::optional<AnnotationValues> read_annotation(const clang::AnnotateAttr& attr,
                                                const clang::ASTContext& context,
                                                std::string& error);

}  // namespace sqlmodel::plugin
