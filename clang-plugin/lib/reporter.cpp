#include "reporter.hpp"

namespace sqlmodel::plugin {

Reporter::Reporter(clang::DiagnosticsEngine& engine)
    : engine_(engine),
      // One id per level with the whole message as the argument: messages are built at run
      // time and may contain '%', which a format string would misread.
      error_id_(engine.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0")),
      warning_id_(engine.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0")),
      note_id_(engine.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0")) {}

clang::DiagnosticBuilder Reporter::error(clang::SourceLocation location, llvm::StringRef check,
                                         const std::string& message) {
  ++errors_;
  return engine_.Report(location, error_id_) << message + " [sqlmodel-" + check.str() + "]";
}

clang::DiagnosticBuilder Reporter::warning(clang::SourceLocation location, llvm::StringRef check,
                                           const std::string& message) {
  return engine_.Report(location, warning_id_) << message + " [sqlmodel-" + check.str() + "]";
}

clang::DiagnosticBuilder Reporter::note(clang::SourceLocation location,
                                        const std::string& message) {
  return engine_.Report(location, note_id_) << message;
}

std::string quoted(llvm::StringRef name) { return "'" + name.str() + "'"; }

}  // namespace sqlmodel::plugin
