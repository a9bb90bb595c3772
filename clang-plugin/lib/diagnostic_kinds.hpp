// The registry of the plugin's diagnostics (diagnostic_kinds.def) and the switches that select
// them: clang-tidy style globs for -fplugin-arg-sqlmodel-checks / warnings-as-errors (and
// sqlmodel-check's --checks / --warnings-as-errors).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlmodel::plugin {

enum class Check : unsigned {
#define SQLMODEL_DIAGNOSTIC(identifier, name, severity, switchable, summary) identifier,
#include "diagnostic_kinds.def"
#undef SQLMODEL_DIAGNOSTIC
};

enum class Severity { error, warning };

struct CheckInfo {
  Check check;
  std::string_view name;  // without the "sqlmodel-" prefix
  Severity severity;
  bool switchable;  // checks=-<name> and NOLINT(sqlmodel-<name>) can silence it
  std::string_view summary;
};

// Every registered diagnostic, in the order of diagnostic_kinds.def.
const std::vector<CheckInfo>& registered_checks();
const CheckInfo& check_info(Check check);

// "sqlmodel-<name>": the tag in brackets after each message, and the name NOLINT uses.
std::string tagged_name(Check check);

// `name` against a clang-tidy glob: '*' matches any run of characters, everything else itself.
bool glob_matches(std::string_view glob, std::string_view name);

// A set of checks chosen by clang-tidy style globs: "-*,foreign-key-*" turns everything off,
// then the foreign-key checks on again; later globs win. A glob names checks with or without
// the "sqlmodel-" prefix.
class CheckSelection {
 public:
  // Every check selected (true) or none (false).
  explicit CheckSelection(bool all);

  // Applies `globs` on top of the current selection. Returns an error message (naming the glob
  // and, for a near miss, the check it was probably meant to be) for a glob that matches no
  // check, or for one that turns off, by its exact name, an error that cannot be turned off.
  // `what` names the switch in messages ("checks", "warnings-as-errors").
  std::optional<std::string> apply(std::string_view globs, std::string_view what, bool refuse_fixed_errors);

  bool selected(Check check) const { return selected_[static_cast<unsigned>(check)]; }

 private:
  std::vector<bool> selected_;
};

}  // namespace sqlmodel::plugin
