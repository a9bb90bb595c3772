// diagram: the ER diagram of the models' snapshot, as Mermaid or Graphviz text.
#include <filesystem>
#include <fstream>
#include <memory>

#include "context.hpp"
#include "diagram/er_graph.hpp"
#include "diagram/render_dot.hpp"
#include "diagram/render_mermaid.hpp"
#include "exit_codes.hpp"
#include "schema/snapshot_json.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct DiagramOptions {
  std::optional<std::string> snapshot;
  std::string format = "mermaid";
  std::optional<std::string> output;
};

// Written beside the target and renamed over it, so a failed run never leaves half a diagram.
void write_file(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw ConfigError(path.string() + ": cannot write the diagram (" + temporary.string() + ")");
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw ConfigError(path.string() + ": cannot write the diagram: " + error.message());
  }
}

int run_diagram(const DiagramOptions& options, Context& context) {
  // --snapshot needs no project; without it the snapshot is the one sqlmodel.toml names.
  const schema::Schema schema =
      options.snapshot ? schema::read_snapshot_file(*options.snapshot) : context.snapshot();
  const diagram::ErGraph graph = diagram::build_er_graph(schema);
  const std::string text = options.format == "dot" ? diagram::render_dot(graph) : diagram::render_mermaid(graph);
  if (options.output)
    write_file(*options.output, text);
  else
    context.out << text;
  return exit_ok;
}

const VerbRegistrar diagram_verb{{
    "diagram", 32,
    "Print the ER diagram of the models' snapshot (tables, columns, keys, relationships) as "
    "Mermaid or Graphviz dot",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<DiagramOptions>();
      verb.add_option("--snapshot", options->snapshot,
                      "The schema snapshot to draw (default: the one sqlmodel.toml names)");
      verb.add_option("-f,--format", options->format, "mermaid (Markdown-embeddable) or dot (Graphviz)")
          ->check(CLI::IsMember({"mermaid", "dot"}))
          ->capture_default_str();
      verb.add_option("-o,--output", options->output, "Write the diagram to this file instead of stdout");
      return [options, &context] { return run_diagram(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
