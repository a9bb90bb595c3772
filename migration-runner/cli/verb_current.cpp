// current: the revision(s) the database is at, read from the version table.
#include <memory>

#include "apply_options.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

void print_position(std::ostream& out, const RevisionGraph& graph, const DatabaseState& state) {
  if (state.at_base()) {
    out << "base (no revision applied)\n";
    return;
  }
  for (const auto& revision : state.heads) {
    const Migration* migration = graph.find(revision);
    if (!migration) {
      out << revision << " (no migration file has this revision)\n";
      continue;
    }
    out << revision << (graph.children(revision).empty() ? " (head)" : "") << ", " << migration->message << '\n';
  }
}

void print_phase(std::ostream& out, const RevisionGraph& graph, const DatabaseState& state) {
  auto status = database_phase(graph, state);
  if (!status) return;
  if (status->phase == MigrationPhase::contract) {
    out << "phase: contract (the last expand/contract change is complete)\n";
    return;
  }
  out << "phase: expand (the old and the new application version can both run); contract pending:";
  for (const Migration* contract : status->pending_contracts)
    out << " " << contract->revision << " \"" << contract->message << "\"";
  out << "\n  once no old application version runs: upgrade\n";
}

void print_applied(std::ostream& out, const DatabaseState& state) {
  out << "\nApplied revisions (oldest first):\n";
  for (const auto& row : state.rows)
    out << "  " << row.revision << "  applied " << row.applied_at << " in " << row.duration_ms << " ms  sha256 "
        << row.checksum.substr(0, 12) << '\n';
}

int run_current(bool verbose, Context& context) {
  const RevisionGraph& graph = context.graph();
  const std::string url = context.database_url();
  auto connection = open_database(url);
  const DatabaseState state = read_database_state(*connection, graph);
  print_position(context.out, graph, state);
  print_phase(context.out, graph, state);
  for (const auto& line : describe_partial(graph, state)) context.out << "partial: " << line << '\n';
  if (verbose) print_applied(context.out, state);
  for (const auto& edited : state.edited) context.out << "warning: " << describe_edited(edited) << '\n';
  return exit_ok;
}

const VerbRegistrar current_verb{{
    "current", 52, "Show the revision(s) the database is at",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto verbose = std::make_shared<bool>(false);
      verb.add_flag("-v,--verbose", *verbose, "Also list every applied revision with its time, duration and checksum");
      return [verbose, &context] { return run_current(*verbose, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
