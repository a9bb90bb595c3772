// Diagnostics of the plugin: custom Clang diagnostics tagged with the registered check's name
// the way clang-tidy tags its warnings ("... [sqlmodel-foreign-key-index]").
//
// Clang 19 lets a plugin create diagnostics only through getCustomDiagID, whose diagnostics
// belong to no warning group: clang maps none of them (-w, -Werror, -Wno-<group>,
// -Werror=<group> and #pragma clang diagnostic leave them alone), and an unknown -W<group>
// is itself a warning. So the reporter applies the compiler's switches itself: -w drops the
// warnings, -Werror makes them errors ("[sqlmodel-<check>,-Werror]"), warnings in system
// headers are dropped unless -Wsystem-headers, and the plugin's own switches (checks=,
// warnings-as-errors=, NOLINT comments) select by check name. See docs/annotations.md.
#pragma once

#include <string>

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringRef.h"

#include "diagnostic_kinds.hpp"
#include "nolint.hpp"

namespace sqlmodel::plugin {

// What the plugin's switches select: -fplugin-arg-sqlmodel-checks=<globs> and
// -fplugin-arg-sqlmodel-warnings-as-errors=<globs> (sqlmodel-check's --checks and
// --warnings-as-errors).
struct DiagnosticSwitches {
  CheckSelection enabled{true};
  CheckSelection as_errors{false};
};

class Reporter {
 public:
  explicit Reporter(clang::DiagnosticsEngine& engine, DiagnosticSwitches switches = {});

  // Reports `message` as `check` at its registered severity, unless a switch silences it (then
  // the builder goes nowhere, and so do the notes that follow it).
  clang::DiagnosticBuilder report(Check check, clang::SourceLocation location, const std::string& message);
  clang::DiagnosticBuilder note(clang::SourceLocation location, const std::string& message);

  // A model declaration whose lines a NOLINT comment covers as a whole (see nolint.hpp).
  void add_declaration(clang::SourceRange range);

  // Errors this reporter emitted (the snapshot is not written when there are any).
  unsigned error_count() const { return errors_; }

 private:
  bool silenced(const CheckInfo& info, clang::SourceLocation location);

  clang::DiagnosticsEngine& engine_;
  DiagnosticSwitches switches_;
  std::optional<NolintComments> nolint_;
  unsigned error_id_, warning_id_, note_id_, ignored_id_;
  unsigned errors_ = 0;
};

// Quotes a name for a message: 'users'.
std::string quoted(llvm::StringRef name);

}  // namespace sqlmodel::plugin
