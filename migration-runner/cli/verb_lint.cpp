// lint: production-safety findings for migration files (lint/lint.hpp).
#include <memory>

#include "context.hpp"
#include "exit_codes.hpp"
#include "lint/report.hpp"
#include "lint_dialects.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {

std::vector<schema::Dialect> lint_dialects(const std::string& option, Context& context) {
  using schema::Dialect;
  if (option == "both") return {Dialect::postgresql, Dialect::sqlite};
  if (!option.empty()) return {*schema::dialect_from_string(option)};
  std::string url;
  try {
    url = context.database_url();
  } catch (const ConfigError&) {
    return {Dialect::postgresql, Dialect::sqlite};  // no database named: lint for both
  }
  if (url.starts_with("sqlite:")) return {Dialect::sqlite};
  if (url.starts_with("postgresql:") || url.starts_with("postgres:")) return {Dialect::postgresql};
  return {Dialect::postgresql, Dialect::sqlite};
}

namespace {

struct LintOptions {
  std::vector<std::string> revisions;
  std::string dialect;
  std::string format = "text";
  bool list_rules = false;
};

void print_rules(std::ostream& out) {
  for (const lint::Rule& rule : lint::rules()) {
    out << rule.id << " (";
    const char* separator = "";
    for (auto dialect : {schema::Dialect::postgresql, schema::Dialect::sqlite})
      if (auto severity = rule.severity(dialect)) {
        out << separator << schema::to_string(dialect) << ": " << lint::to_string(*severity);
        separator = ", ";
      }
    out << ")\n  why: " << rule.why << "\n  instead: " << rule.instead << '\n';
  }
}

// Each argument is a revision, or FROM:TO for the revisions an upgrade from FROM to TO applies.
std::vector<const Migration*> revisions_to_lint(const LintOptions& options, const RevisionGraph& graph) {
  if (options.revisions.empty()) return graph.in_order();
  std::vector<const Migration*> chosen;
  for (const auto& spec : options.revisions) {
    if (auto colon = spec.find(':'); colon != std::string::npos) {
      const auto from = graph.resolve(spec.substr(0, colon));
      const auto to = graph.resolve(spec.substr(colon + 1), from);
      for (const Migration* migration : graph.upgrade_path(graph.ancestors(from), to)) chosen.push_back(migration);
      continue;
    }
    const auto revision = graph.resolve(spec);
    if (!revision) throw RevisionError("\"" + spec + "\" names no revision to lint (base is before the first)");
    chosen.push_back(&graph.at(*revision));
  }
  return chosen;
}

int run_lint(const LintOptions& options, Context& context) {
  if (options.list_rules) {
    print_rules(context.out);
    return exit_ok;
  }
  const RevisionGraph& graph = context.graph();
  const auto report =
      lint::lint_migrations(graph, revisions_to_lint(options, graph), lint_dialects(options.dialect, context));
  if (options.format == "json")
    context.out << lint::to_json_text(report);
  else
    lint::print_text(report, context.out);
  return report.errors() > 0 ? exit_not_clean : exit_ok;
}

const VerbRegistrar lint_verb{{
    "lint", 33,
    "Check migrations for steps that are risky on a live database (locks, table rewrites, data "
    "loss, changes the running application breaks on); exit 1 on an error not acknowledged in "
    "the file",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<LintOptions>();
      verb.add_option("revisions", options->revisions,
                      "Revisions (REV, or FROM:TO for what an upgrade applies); default: every revision");
      verb.add_option("--dialect", options->dialect,
                      "postgresql, sqlite or both (default: the database URL's dialect, both without one)")
          ->check(CLI::IsMember({"sqlite", "postgresql", "both"}));
      verb.add_option("-f,--format", options->format, "text (default) or json")
          ->check(CLI::IsMember({"text", "json"}));
      verb.add_flag("--list-rules", options->list_rules,
                    "Print every rule with its severity per dialect, why it matters and what to write instead");
      return [options, &context] { return run_lint(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
