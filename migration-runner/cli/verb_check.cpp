// check: exit 1, with the reasons, when anything is out of step: the models and the migrations
// head, the database and the head, an applied migration file and what was applied.
#include <memory>

#include "apply_options.hpp"
#include "context.hpp"
#include "live_schema/database_comparison.hpp"
#include "exit_codes.hpp"
#include "replay.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct CheckOptions {
  bool offline = false;
};

class Problems {
 public:
  explicit Problems(std::ostream& out) : out_(out) {}
  void add(const std::string& headline, const std::vector<std::string>& details = {}) {
    ++count_;
    out_ << "FAIL: " << headline << '\n';
    for (const auto& detail : details) out_ << "  " << detail << '\n';
  }
  std::size_t count() const { return count_; }

 private:
  std::ostream& out_;
  std::size_t count_ = 0;
};

std::vector<std::string> described(const std::vector<schema::Operation>& operations) {
  std::vector<std::string> lines;
  for (const auto& operation : operations) lines.push_back(schema::describe(operation));
  return lines;
}

// The head, or nullopt; several heads are a problem of their own.
std::optional<std::string> check_head(const RevisionGraph& graph, Problems& problems, bool& usable) {
  auto heads = graph.heads();
  if (heads.size() > 1) {
    problems.add("the migrations have " + std::to_string(heads.size()) + " heads; join them with `" +
                     std::string(program_name) + " merge`",
                 heads);
    usable = false;
    return std::nullopt;
  }
  return heads.empty() ? std::nullopt : std::optional<std::string>(heads.front());
}

void check_database(Context& context, const RevisionGraph& graph, const std::optional<std::string>& head,
                    Problems& problems, std::ostream& out) {
  const std::string url = context.database_url();
  auto connection = open_database(url);
  const DatabaseState state = read_database_state(*connection, graph);
  for (const auto& edited : state.edited) problems.add(describe_edited(edited));
  for (const auto& unknown : state.unknown)
    problems.add("revision " + unknown + " is applied to the database but no migration file has it");
  const auto wanted = graph.ancestors(head);
  if (state.applied != wanted) {
    std::vector<std::string> pending;
    for (const Migration* migration : graph.upgrade_path(state.applied, head))
      pending.push_back("to apply: " + migration->revision + " " + migration->message);
    for (const auto& revision : state.applied)
      if (!wanted.count(revision)) pending.push_back("applied but not below the head: " + revision);
    problems.add("the database (" + display_url(url) + ") is at " + describe_position(state) + ", not at head " +
                     (head ? *head : "base"),
                 pending);
    return;
  }
  if (!state.edited.empty() || !state.unknown.empty()) return;
  const auto expected = schema::expected_database_schema(replay_to(graph, head), connection->dialect());
  const auto differences = schema::schema_differences(expected, schema::introspected_database_schema(*connection));
  if (!differences.empty())
    problems.add("the database (" + display_url(url) + ") is at head but its schema differs from what the "
                 "migrations create (changed by hand?)",
                 differences);
  else
    out << "ok: the database (" << display_url(url) << ") is at head " << (head ? *head : "base")
        << " and holds its schema\n";
}

int run_check(const CheckOptions& options, Context& context) {
  const RevisionGraph& graph = context.graph();
  Problems problems(context.out);
  bool usable = true;
  const auto head = check_head(graph, problems, usable);
  if (usable) {
    const auto pending = autogenerate(replay_to(graph, head), context.snapshot());
    if (!pending.empty())
      problems.add("the models (" + context.config().snapshot.string() + ") differ from the migrations head " +
                       (head ? *head : "(no revisions)") + ": " + std::to_string(pending.size()) +
                       " change(s) have no migration; run `" + program_name + " revision -m MESSAGE`",
                   described(pending));
    else
      context.out << "ok: the migrations head " << (head ? *head : "(no revisions)") << " matches the models\n";
    if (!options.offline) check_database(context, graph, head, problems, context.out);
  }
  if (problems.count() == 0) return exit_ok;
  context.out << "check failed: " << problems.count() << " problem(s)\n";
  return exit_not_clean;
}

const VerbRegistrar check_verb{{
    "check", 60,
    "Exit 1 with the reasons when the models differ from the migrations head, the database is not at "
    "head (or differs from it), or an applied migration file was edited",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<CheckOptions>();
      verb.add_flag("--offline", options->offline,
                    "Only compare the models with the migrations (no database needed; for CI)");
      return [options, &context] { return run_check(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
