// How the generated header #includes a model's header, so that a user's
// `#include "models.sqlmodel.hpp"` compiles wherever the models themselves do.
//
// 1. Relative to one of the translation unit's include directories (-I, -iquote, -isystem),
//    the shortest spelling that the search order resolves to this very file: what a user
//    writes, so it works in every file of the target, and stays the same when the build
//    directory moves (a source-root on the include path gives the source-root spelling).
// 2. Otherwise relative to the generated header's own directory, as Qt's moc does: a quoted
//    include is searched there first, so it works with no include directory at all.
#pragma once

#include <string>

#include "clang/Lex/HeaderSearch.h"
#include "llvm/ADT/StringRef.h"

namespace sqlmodel::plugin::codegen {

class IncludeSpeller {
 public:
  // `output` is where the generated header will be written.
  IncludeSpeller(const clang::HeaderSearch* search, llvm::StringRef output);

  std::string spell(llvm::StringRef header) const;

 private:
  std::string relative_to_output(const std::string& header) const;

  const clang::HeaderSearch* search_;
  std::string output_directory_;  // absolute, real where it exists
};

// `header` as an #include through the translation unit's include directories names it: the
// shortest spelling relative to one of them that the search order resolves to this very file
// ("sqlmodel/mixins.hpp"); empty when none does. The snapshot's source paths use it for files
// outside the source root, so two install prefixes give the same snapshot.
std::string spell_through_include_directories(const clang::HeaderSearch* search, llvm::StringRef header);

// True for files one #includes (.h, .hpp, ...), false for source files (.cpp, ...).
bool is_header_file(llvm::StringRef path);

}  // namespace sqlmodel::plugin::codegen
