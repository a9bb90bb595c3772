// NOLINT comments, read the way clang-tidy reads them, so one comment can silence a
// clang-tidy check and a sqlmodel check alike:
//
//   std::int64_t team_id;  // NOLINT(sqlmodel-foreign-key-index)
//   // NOLINTNEXTLINE(sqlmodel-foreign-key-index)
//   // NOLINTBEGIN(sqlmodel-*)  ...  // NOLINTEND(sqlmodel-*)
//
// Without parentheses a NOLINT silences every check; inside them, comma-separated globs name
// the checks ("sqlmodel-*"), and names of other tools' checks are ignored. On top of
// clang-tidy's lines, a NOLINT on any line of a model declaration (a field from its
// SQLMODEL_FIELD to its ';', a table from 'struct' to '{') covers that declaration's
// diagnostics, so the comment can sit next to the annotation it is about.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "clang/Basic/SourceManager.h"

#include "diagnostic_kinds.hpp"

namespace sqlmodel::plugin {

class NolintComments {
 public:
  explicit NolintComments(const clang::SourceManager& sources) : sources_(sources) {}

  // A declaration whose lines a NOLINT covers as a whole.
  void add_declaration(clang::SourceRange range);

  bool suppresses(Check check, clang::SourceLocation location);

 private:
  struct Directive {
    enum class Kind { same_line, next_line, begin, end };
    Kind kind;
    unsigned line;
    std::string checks;  // as written between the parentheses; "*" when there were none
  };
  struct Lines {
    unsigned first, last;
  };

  const std::vector<Directive>& directives(clang::FileID file);
  static bool names(const Directive& directive, Check check);

  const clang::SourceManager& sources_;
  std::map<clang::FileID, std::vector<Directive>> directives_;
  std::map<clang::FileID, std::vector<Lines>> declarations_;
};

}  // namespace sqlmodel::plugin
