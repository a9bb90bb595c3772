// history and heads: the revision graph, newest first, in Alembic's layout.
#include <memory>

#include "context.hpp"
#include "exit_codes.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

std::string markers(const RevisionGraph& graph, const Migration& migration) {
  std::string text;
  auto children = graph.children(migration.revision);
  if (children.empty()) text += " (head)";
  if (children.size() > 1) text += " (branchpoint)";
  if (migration.is_merge()) text += " (mergepoint)";
  return text;
}

void print_short(std::ostream& out, const RevisionGraph& graph, const Migration& migration) {
  out << (migration.parents.empty() ? "<base>" : join(migration.parents, ", ")) << " -> " << migration.revision
      << markers(graph, migration) << ", " << migration.message << '\n';
}

void print_verbose(std::ostream& out, const RevisionGraph& graph, const Migration& migration) {
  out << "Rev: " << migration.revision << markers(graph, migration) << '\n';
  out << (migration.is_merge() ? "Merges: " : "Parent: ")
      << (migration.parents.empty() ? "<base>" : join(migration.parents, ", ")) << '\n';
  auto children = graph.children(migration.revision);
  if (children.size() > 1) out << "Branches into: " << join(children, ", ") << '\n';
  out << "Path: " << migration.path.string() << '\n';
  out << "Created: " << migration.created << "\n\n";
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
      verb.add_flag("-v,--verbose", *verbose, "Show each revision's file, date and operations");
      return [verbose, &context] {
        const auto& graph = context.graph();
        const auto& order = graph.in_order();
        for (auto it = order.rbegin(); it != order.rend(); ++it)
          (*verbose ? print_verbose : print_short)(context.out, graph, **it);
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
