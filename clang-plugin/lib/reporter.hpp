// Diagnostics of the checks: custom Clang diagnostics, tagged with the check's name the way
// clang-tidy tags its warnings ("... [sqlmodel-fk-unknown-table]").
#pragma once

#include <string>

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringRef.h"

namespace sqlmodel::plugin {

class Reporter {
 public:
  explicit Reporter(clang::DiagnosticsEngine& engine);

  clang::DiagnosticBuilder error(clang::SourceLocation location, llvm::StringRef check,
                                 const std::string& message);
  clang::DiagnosticBuilder warning(clang::SourceLocation location, llvm::StringRef check,
                                   const std::string& message);
  clang::DiagnosticBuilder note(clang::SourceLocation location, const std::string& message);

  // Errors this reporter emitted (the snapshot is not written when there are any).
  unsigned error_count() const { return errors_; }

 private:
  clang::DiagnosticsEngine& engine_;
  unsigned error_id_, warning_id_, note_id_;
  unsigned errors_ = 0;
};

// Quotes a name for a message: 'users'.
std::string quoted(llvm::StringRef name);

}  // namespace sqlmodel::plugin
