#include "lint/report.hpp"

#include <set>

#include <nlohmann/json.hpp>

namespace sqlmodel::migrate::lint {
namespace {

std::string file_of(const Migration& migration) {
  return migration.path.empty() ? "revision " + migration.revision : migration.path.string();
}

std::string plural(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// A statement as a block under `indent`: multi-line statements keep their lines, indented.
void print_statement(std::ostream& out, const std::string& indent, const std::string& statement) {
  std::size_t start = 0;
  while (start <= statement.size()) {
    auto end = statement.find('\n', start);
    if (end == std::string::npos) end = statement.size();
    out << indent << std::string_view(statement).substr(start, end - start) << '\n';
    start = end + 1;
  }
}

bool same_step(const Finding& a, const Finding& b) {
  return a.migration == b.migration && a.direction == b.direction && a.step == b.step;
}

}  // namespace

void print_text(const Report& report, std::ostream& out) {
  const auto& findings = report.findings;
  std::set<const Rule*> explained;  // why and instead are printed the first time a rule fires
  std::set<schema::Dialect> sql_shown;  // a step's SQL is printed under its first finding
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& finding = findings[i];
    if (i == 0 || !same_step(findings[i - 1], finding)) {
      out << file_of(*finding.migration) << ": " << finding.json_path() << ": " << finding.operation << '\n';
      sql_shown.clear();
    }
    // The dialects that say the same thing about this step share one entry.
    std::string dialects(schema::to_string(finding.dialect));
    std::vector<const Finding*> group{&finding};
    while (i + 1 < findings.size() && same_step(findings[i + 1], finding) &&
           findings[i + 1].rule == finding.rule && findings[i + 1].severity == finding.severity &&
           findings[i + 1].message == finding.message && findings[i + 1].acknowledged == finding.acknowledged) {
      group.push_back(&findings[++i]);
      dialects += ", " + std::string(schema::to_string(findings[i].dialect));
    }
    const std::string heading = std::string(finding.rule->id) + " [" + dialects + "]: " + finding.message;
    if (finding.acknowledged) {
      out << "  acknowledged " << to_string(finding.severity) << ": " << heading << " (reason: "
          << *finding.acknowledged << ")\n";
      continue;
    }
    out << "  " << to_string(finding.severity) << ": " << heading << '\n';
    for (const Finding* member : group) {
      const bool label = group.size() > 1;
      if (!sql_shown.insert(member->dialect).second) continue;
      for (const auto& statement : member->sql)
        print_statement(out, label ? "    " + std::string(schema::to_string(member->dialect)) + ": " : "    ",
                        statement);
    }
    if (explained.insert(finding.rule).second) {
      out << "    why: " << finding.rule->why << '\n';
      out << "    instead: " << finding.rule->instead << '\n';
    }
  }
  for (const auto& unused : report.unused_acknowledgements)
    out << file_of(*unused.migration) << ": " << unused.json_path() << ": warning: \"" << unused.rule
        << "\" is acknowledged but the step does not break it (remove the entry)\n";

  std::string dialects;
  for (auto dialect : report.dialects) dialects += (dialects.empty() ? "" : ", ") + std::string(schema::to_string(dialect));
  out << "lint: " << plural(report.errors(), "error") << ", " << plural(report.warnings(), "warning") << ", "
      << report.acknowledged() << " acknowledged in " << plural(report.migrations.size(), "revision") << " ("
      << dialects << ")\n";
}

std::string to_json_text(const Report& report) {
  using ordered_json = nlohmann::ordered_json;
  ordered_json document;
  document["format"] = 1;
  document["dialects"] = ordered_json::array();
  for (auto dialect : report.dialects) document["dialects"].push_back(std::string(schema::to_string(dialect)));
  document["revisions"] = ordered_json::array();
  for (const Migration* migration : report.migrations) document["revisions"].push_back(migration->revision);
  document["summary"] = {{"errors", report.errors()},
                         {"warnings", report.warnings()},
                         {"acknowledged", report.acknowledged()}};
  document["findings"] = ordered_json::array();
  for (const auto& finding : report.findings) {
    ordered_json entry;
    entry["rule"] = std::string(finding.rule->id);
    entry["severity"] = std::string(to_string(finding.severity));
    entry["dialect"] = std::string(schema::to_string(finding.dialect));
    entry["file"] = file_of(*finding.migration);
    entry["revision"] = finding.migration->revision;
    entry["direction"] = std::string(to_string(finding.direction));
    entry["step"] = finding.step;
    entry["path"] = finding.json_path();
    entry["operation"] = finding.operation;
    entry["sql"] = finding.sql;
    entry["message"] = finding.message;
    entry["why"] = std::string(finding.rule->why);
    entry["instead"] = std::string(finding.rule->instead);
    entry["acknowledged"] = finding.acknowledged.has_value();
    if (finding.acknowledged) entry["reason"] = *finding.acknowledged;
    document["findings"].push_back(std::move(entry));
  }
  document["unused_acknowledgements"] = ordered_json::array();
  for (const auto& unused : report.unused_acknowledgements)
    document["unused_acknowledgements"].push_back({{"file", file_of(*unused.migration)},
                                                   {"revision", unused.migration->revision},
                                                   {"path", unused.json_path()},
                                                   {"rule", unused.rule}});
  return document.dump(2) + "\n";
}

}  // namespace sqlmodel::migrate::lint
