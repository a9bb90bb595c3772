#include "reporter.hpp"

#include "clang/Basic/SourceManager.h"

namespace sqlmodel::plugin {

Reporter::Reporter(clang::DiagnosticsEngine& engine, DiagnosticSwitches switches)
    : engine_(engine),
      switches_(std::move(switches)),
      // One id per level with the whole message as the argument: messages are built at run
      // time and may contain '%', which a format string would misread.
      error_id_(engine.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0")),
      warning_id_(engine.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0")),
      note_id_(engine.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0")),
      ignored_id_(engine.getCustomDiagID(clang::DiagnosticsEngine::Ignored, "%0")) {
  if (engine.hasSourceManager()) nolint_.emplace(engine.getSourceManager());
}

void Reporter::add_declaration(clang::SourceRange range) {
  if (nolint_) nolint_->add_declaration(range);
}

bool Reporter::silenced(const CheckInfo& info, clang::SourceLocation location) {
  if (info.switchable && !switches_.enabled.selected(info.check)) return true;
  if (info.severity == Severity::warning) {
    if (engine_.getIgnoreAllWarnings()) return true;  // -w
    if (engine_.getSuppressSystemWarnings() && location.isValid() && engine_.hasSourceManager() &&
        engine_.getSourceManager().isInSystemHeader(engine_.getSourceManager().getExpansionLoc(location)))
      return true;
  }
  return info.switchable && nolint_ && nolint_->suppresses(info.check, location);
}

clang::DiagnosticBuilder Reporter::report(Check check, clang::SourceLocation location,
                                          const std::string& message) {
  const CheckInfo& info = check_info(check);
  if (silenced(info, location)) return engine_.Report(location, ignored_id_) << message;
  std::string tag = tagged_name(check);
  bool error = info.severity == Severity::error;
  if (!error && switches_.as_errors.selected(check)) {
    error = true;
    tag += ",-warnings-as-errors";
  } else if (!error && engine_.getWarningsAsErrors()) {
    error = true;
    tag += ",-Werror";
  }
  if (error) ++errors_;
  return engine_.Report(location, error ? error_id_ : warning_id_) << message + " [" + tag + "]";
}

clang::DiagnosticBuilder Reporter::note(clang::SourceLocation location, const std::string& message) {
  return engine_.Report(location, note_id_) << message;
}

std::string quoted(llvm::StringRef name) { return "'" + name.str() + "'"; }

}  // namespace sqlmodel::plugin
