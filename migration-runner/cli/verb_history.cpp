// history and heads: the revision graph, newest first, in Alembic's layout.
#include <memory>
#include <set>

#include "apply_options.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "schema/operations_json.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

// The database's applied heads, for --indicate-current; empty without it.
using Current = std::set<std::string>;

std::string markers(const RevisionGraph& graph, const Migration& migration, const Current& current) {
  std::string text;
  auto children = graph.children(migration.revision);
  if (children.empty()) text += " (head)";
  if (current.count(migration.revision)) text += " (current)";
  if (children.size() > 1) text += " (branchpoint)";
  if (migration.is_merge()) text += " (mergepoint)";
  if (migration.phase) text += " (" + std::string(to_string(*migration.phase)) + ")";
  return text;
}

void print_short(std::ostream& out, const RevisionGraph& graph, const Migration& migration, const Current& current) {
  out << (migration.parents.empty() ? "<base>" : join(migration.parents, ", ")) << " -> " << migration.revision
      << markers(graph, migration, current) << ", " << migration.message << '\n';
}

void print_verbose(std::ostream& out, const RevisionGraph& graph, const Migration& migration, const Current& current) {
  out << "Rev: " << migration.revision << markers(graph, migration, current) << '\n';
  out << (migration.is_merge() ? "Merges: " : "Parent: ")
      << (migration.parents.empty() ? "<base>" : join(migration.parents, ", ")) << '\n';
  auto children = graph.children(migration.revision);
  if (children.size() > 1) out << "Branches into: " << join(children, ", ") << '\n';
  out << "Path: " << migration.path.string() << '\n';
  out << "Created: " << migration.created << '\n';
  if (migration.phase) out << "Phase: " << to_string(*migration.phase) << '\n';
  if (migration.lock_timeout_ms)
    out << "Lock timeout: " << schema::format_duration_ms(*migration.lock_timeout_ms)
        << (migration.lock_retries ? ", " + std::to_string(*migration.lock_retries) + " retries" : "") << '\n';
  out << '\n';
  out << "    " << migration.message << "\n\n";
  if (migration.upgrade.empty()) {
    out << "    (no operations)\n\n";
    return;
  }
  for (const auto& operation : migration.upgrade) out << "    " << schema::describe(operation) << '\n';
  out << '\n';
}

const VerbRegistrar history_verb{{
    "history", 30, "List the revisions, newest first",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto verbose = std::make_shared<bool>(false);
      auto indicate = std::make_shared<bool>(false);
      verb.add_flag("-v,--verbose", *verbose, "Show each revision's file, date, phase and operations");
      verb.add_flag("-i,--indicate-current", *indicate,
                    "Read the database: mark the revision(s) it is at, and say which expand/contract phase it is in");
      return [verbose, indicate, &context] {
        const auto& graph = context.graph();
        Current current;
        std::optional<DatabaseState> state;
        if (*indicate) {
          auto connection = open_database(context.database_url());
          state = read_database_state(*connection, graph);
          current.insert(state->heads.begin(), state->heads.end());
        }
        const auto& order = graph.in_order();
        for (auto it = order.rbegin(); it != order.rend(); ++it)
          (*verbose ? print_verbose : print_short)(context.out, graph, **it, current);
        if (state) {
          if (state->at_base()) context.out << "The database is at base (no revision applied).\n";
          if (auto status = database_phase(graph, *state)) {
            if (status->phase == MigrationPhase::contract) {
              context.out << "The database is in phase contract: the last expand/contract change is complete.\n";
            } else {
              context.out << "The database is in phase expand: contract pending (";
              for (std::size_t i = 0; i < status->pending_contracts.size(); ++i)
                context.out << (i ? ", " : "") << status->pending_contracts[i]->revision;
              context.out << ").\n";
            }
          }
          for (const auto& line : describe_partial(graph, *state)) context.out << "Partial: " << line << '\n';
        }
        return int(exit_ok);
      };
    }}};

const VerbRegistrar heads_verb{{
    "heads", 31, "List the head revisions (more than one means branches to merge)",
    [](CLI::App&, Context& context) -> VerbAction {
      return [&context] {
        const auto& graph = context.graph();
        for (const auto& head : graph.heads())
          context.out << head << " (head), " << graph.at(head).message << '\n';
        return int(exit_ok);
      };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
