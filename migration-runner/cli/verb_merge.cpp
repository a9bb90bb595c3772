// merge: one revision whose parents are the given heads (default: all of them).
#include <memory>
#include <set>

#include "context.hpp"
#include "exit_codes.hpp"
#include "new_revision.hpp"
#include "replay.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct MergeOptions {
  std::vector<std::string> revisions;
  std::string message;
  std::optional<std::string> revision_id;
};

int run_merge(const MergeOptions& options, Context& context) {
  const RevisionGraph& graph = context.graph();
  std::vector<std::string> parents;
  if (options.revisions.empty()) {
    parents = graph.heads();
  } else {
    for (const auto& spec : options.revisions) {
      auto revision = graph.resolve(spec);
      if (!revision) throw RevisionError("cannot merge base");
      parents.push_back(*revision);
    }
  }
  if (parents.size() < 2)
    throw RevisionError("nothing to merge: " + std::string(parents.empty() ? "no revisions" : "a single head, " + parents[0]));
  // The branches must replay together: two branches that touch the same object conflict, and
  // the error names the file where they collide.
  std::set<std::string> together;
  for (const auto& parent : parents) together.merge(graph.ancestors(parent));
  replay(graph, together);

  NewRevision revision;
  revision.parents = parents;
  revision.revision = options.revision_id;
  revision.message = options.message;
  if (revision.message.empty()) {
    revision.message = "merge";
    for (const auto& parent : parents) revision.message += " " + parent;
  }
  const Migration written = write_new_revision(context.config().migrations_directory, graph, std::move(revision));
  context.out << "Wrote " << written.path.string() << " (revision " << written.revision << ", merging";
  for (const auto& parent : parents) context.out << ' ' << parent;
  context.out << ")\n";
  return exit_ok;
}

const VerbRegistrar merge_verb{{
    "merge", 21, "Join branches: a revision whose parents are the given revisions (default: every head)",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<MergeOptions>();
      verb.add_option("revisions", options->revisions, "Revisions to merge (default: all heads)");
      verb.add_option("-m,--message", options->message, "Message (default: merge <revisions>)");
      verb.add_option("--rev-id", options->revision_id, "Use this revision id instead of a random one");
      return [options, &context] { return run_merge(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
