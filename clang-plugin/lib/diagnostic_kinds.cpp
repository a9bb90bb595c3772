#include "diagnostic_kinds.hpp"

#include "sqlmodel/detail/did_you_mean.hpp"

namespace sqlmodel::plugin {
namespace {

constexpr std::string_view prefix = "sqlmodel-";

// A glob as written ("foreign-key-*", "sqlmodel-set-null") against the full names.
std::string full_glob(std::string_view glob) {
  if (glob.substr(0, 8) == "sqlmodel") return std::string(glob);
  return std::string(prefix) + std::string(glob);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

}  // namespace

const std::vector<CheckInfo>& registered_checks() {
  static const std::vector<CheckInfo> checks{
#define SQLMODEL_DIAGNOSTIC(identifier, name, severity, switchable, summary) \
  {Check::identifier, name, Severity::severity, switchable, summary},
#include "diagnostic_kinds.def"
#undef SQLMODEL_DIAGNOSTIC
  };
  return checks;
}

const CheckInfo& check_info(Check check) { return registered_checks()[static_cast<unsigned>(check)]; }

std::string tagged_name(Check check) { return std::string(prefix) + std::string(check_info(check).name); }

bool glob_matches(std::string_view glob, std::string_view name) {
  // Iterative wildcard match with backtracking to the last '*'.
  std::size_t g = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = n;
    } else if (g < glob.size() && glob[g] == name[n]) {
      ++g;
      ++n;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

CheckSelection::CheckSelection(bool all) : selected_(registered_checks().size(), all) {}

std::optional<std::string> CheckSelection::apply(std::string_view globs, std::string_view what,
                                                 bool refuse_fixed_errors) {
  while (!globs.empty()) {
    std::size_t comma = globs.find(',');
    std::string_view glob = trim(globs.substr(0, comma));
    globs = comma == std::string_view::npos ? std::string_view() : globs.substr(comma + 1);
    if (glob.empty()) continue;
    bool turn_on = glob.front() != '-';
    if (!turn_on) glob = trim(glob.substr(1));
    std::string pattern = full_glob(glob);
    bool matched = false;
    for (const CheckInfo& info : registered_checks()) {
      std::string name = std::string(prefix) + std::string(info.name);
      if (!glob_matches(pattern, name)) continue;
      matched = true;
      bool exact = pattern.find('*') == std::string::npos;
      if (!turn_on && refuse_fixed_errors && !info.switchable) {
        // A wildcard simply leaves these on; naming one is a mistake worth saying.
        if (exact)
          return "sqlmodel check '" + std::string(info.name) + "' in " + std::string(what) +
                 " reports models the schema cannot represent: it cannot be turned off";
        continue;
      }
      selected_[static_cast<unsigned>(info.check)] = turn_on;
    }
    if (!matched) {
      std::vector<std::string_view> names;
      for (const CheckInfo& info : registered_checks()) names.push_back(info.name);
      std::string_view bare = glob.substr(0, 9) == prefix ? glob.substr(9) : glob;
      std::string message = "no sqlmodel check matches '" + std::string(glob) + "' in " + std::string(what);
      if (auto guess = detail::closest_name(bare, names, 3)) message += "; did you mean '" + std::string(*guess) + "'?";
      else message += " (sqlmodel-check --list-checks lists them)";
      return message;
    }
  }
  return std::nullopt;
}

}  // namespace sqlmodel::plugin
