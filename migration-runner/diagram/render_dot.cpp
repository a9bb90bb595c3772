#include "diagram/render_dot.hpp"

#include <map>

namespace sqlmodel::diagram {
namespace {

std::string dot_id(const std::string& name) {
  std::string id = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') id += '\\';
    if (c == '\n') {
      id += "\\n";
      continue;
    }
    id += c;
  }
  return id + "\"";
}

std::string html_text(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\n': escaped += "<BR/>"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

// Crow's-foot end of an edge; Graphviz draws the first shape nearest the node.
const char* arrow(Cardinality cardinality) {
  switch (cardinality) {
    case Cardinality::exactly_one: return "teetee";
    case Cardinality::zero_or_one: return "teeodot";
    case Cardinality::zero_or_more: return "crowodot";
  }
  return "crowodot";
}

std::string joined_markers(const ErColumn& column) {
  std::string text;
  for (const auto& marker : column_markers(column)) text += (text.empty() ? "" : " ") + marker;
  return text;
}

std::string node(const ErTable& table) {
  std::string text = "  " + dot_id(table.name) + " [label=<\n";
  text += "    <TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\n";
  text += "      <TR><TD COLSPAN=\"3\" BGCOLOR=\"#dddddd\"><B>" + html_text(table.name) + "</B></TD></TR>\n";
  if (table.comment)
    text += "      <TR><TD COLSPAN=\"3\" ALIGN=\"LEFT\"><I>" + html_text(*table.comment) + "</I></TD></TR>\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ErColumn& column = table.columns[i];
    text += "      <TR><TD PORT=\"c" + std::to_string(i) + "\" ALIGN=\"LEFT\">" + html_text(column.name) +
            "</TD><TD ALIGN=\"LEFT\">" + html_text(column.type) + "</TD><TD ALIGN=\"LEFT\">" +
            joined_markers(column) + "</TD></TR>\n";
  }
  text += "    </TABLE>>];\n";
  return text;
}

// "table":cN for a column the graph has, the bare node otherwise.
class Ports {
 public:
  explicit Ports(const ErGraph& graph) {
    for (const auto& table : graph.tables)
      for (std::size_t i = 0; i < table.columns.size(); ++i) ports_[{table.name, table.columns[i].name}] = i;
  }
  std::string operator()(const std::string& table, const std::vector<std::string>& columns) const {
    if (columns.empty()) return dot_id(table);
    auto found = ports_.find({table, columns.front()});
    if (found == ports_.end()) return dot_id(table);
    return dot_id(table) + ":c" + std::to_string(found->second);
  }

 private:
  std::map<std::pair<std::string, std::string>, std::size_t> ports_;
};

}  // namespace

std::string render_dot(const ErGraph& graph) {
  const Ports ports(graph);
  std::string text =
      "digraph schema {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
      "  node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [dir=both, fontname=\"Helvetica\", fontsize=9];\n";
  for (const auto& table : graph.tables) text += "\n" + node(table);
  if (!graph.edges.empty()) text += "\n";
  for (const auto& edge : graph.edges) {
    text += "  " + ports(edge.child, edge.child_columns) + " -> " + ports(edge.parent, edge.parent_columns) +
            " [arrowtail=" + arrow(edge.child_end) + ", arrowhead=" + arrow(edge.parent_end);
    if (edge.kind == EdgeKind::many_to_many) text += ", style=dashed";
    // describe_kind() is a fixed set of words: no escaping needed inside the quotes.
    text += ", tooltip=\"" + describe_kind(edge) + "\"";
    text += ", label=<" + html_text(edge_label(edge)) + ">];\n";
  }
  text += "}\n";
  return text;
}

}  // namespace sqlmodel::diagram
