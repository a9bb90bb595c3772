#include "diagram/render_mermaid.hpp"

#include <map>
#include <set>

namespace sqlmodel::diagram {
namespace {

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// A quoted entity name: "[^"%\r\n\v\b\\]+" in Mermaid's lexer.
std::string entity_text(const std::string& name) {
  std::string text;
  for (char c : name) text += (c == '"' || c == '%' || c == '\\' || is_control(c)) ? '_' : c;
  return text.empty() ? "_" : text;
}

// Table name -> the quoted name it is drawn under, unique after entity_text().
class EntityNames {
 public:
  explicit EntityNames(const ErGraph& graph) {
    std::set<std::string> taken;
    for (const auto& table : graph.tables) {
      std::string candidate = entity_text(table.name);
      for (int suffix = 2; taken.count(candidate); ++suffix) candidate = entity_text(table.name) + "_" + std::to_string(suffix);
      taken.insert(candidate);
      names_[table.name] = "\"" + candidate + "\"";
    }
  }
  // Edges name tables of the graph; a table outside it (a dangling reference) still gets a name.
  std::string operator()(const std::string& table) const {
    auto found = names_.find(table);
    return found != names_.end() ? found->second : "\"" + entity_text(table) + "\"";
  }

 private:
  std::map<std::string, std::string> names_;
};

bool is_word_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_word_char(char c) {
  return is_word_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '(' || c == ')' || c == '[' || c == ']';
}

bool is_key_marker(const std::string& word) {
  if (word.size() != 2) return false;
  const char first = static_cast<char>(word[0] | 0x20), second = static_cast<char>(word[1] | 0x20);
  return second == 'k' && (first == 'p' || first == 'f' || first == 'u');
}

// An attribute name or type as one of Mermaid's bare words.
std::string attribute_word(const std::string& text) {
  std::string word;
  for (char c : text) word += is_word_char(c) ? c : '_';
  if (word.empty() || !is_word_start(word[0])) word.insert(word.begin(), '_');
  if (is_key_marker(word)) word += '_';
  return word;
}

std::string quoted_text(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? '\'' : (c == '\n' || c == '\r') ? ' ' : c;
  return quoted + "\"";
}

std::string attribute_line(const ErColumn& column) {
  const std::string type = attribute_word(column.type);
  const std::string name = attribute_word(column.name);
  std::string line = type + " " + name;

  std::string keys;
  auto key = [&](bool present, const char* marker) {
    if (present) keys += (keys.empty() ? "" : ", ") + std::string(marker);
  };
  key(column.primary_key, "PK");
  key(column.foreign_key, "FK");
  key(column.unique, "UK");
  if (!keys.empty()) line += " " + keys;

  std::string comment;
  auto note = [&](const std::string& part) { comment += (comment.empty() ? "" : "; ") + part; };
  if (name != column.name) note("name: " + column.name);
  if (type != column.type) note("type: " + column.type);
  if (column.nullable) note("nullable");
  if (column.comment) note(*column.comment);
  if (!comment.empty()) line += " " + quoted_text(comment);
  return line;
}

// Mermaid writes the left table's end first: "||" is that table's end seen from the line.
const char* left_end(Cardinality cardinality) {
  switch (cardinality) {
    case Cardinality::exactly_one: return "||";
    case Cardinality::zero_or_one: return "|o";
    case Cardinality::zero_or_more: return "}o";
  }
  return "}o";
}

const char* right_end(Cardinality cardinality) {
  switch (cardinality) {
    case Cardinality::exactly_one: return "||";
    case Cardinality::zero_or_one: return "o|";
    case Cardinality::zero_or_more: return "o{";
  }
  return "o{";
}

}  // namespace

std::string render_mermaid(const ErGraph& graph) {
  const EntityNames names(graph);
  std::string text = "erDiagram\n";
  for (const auto& table : graph.tables) {
    text += "    " + names(table.name) + " {\n";
    for (const auto& column : table.columns) text += "        " + attribute_line(column) + "\n";
    text += "    }\n";
  }
  for (const auto& edge : graph.edges) {
    // The parent on the left reads as Mermaid's "parent has many children".
    text += "    " + names(edge.parent) + " " + left_end(edge.parent_end) + (edge.identifying ? "--" : "..") +
            right_end(edge.child_end) + " " + names(edge.child) + " : " + quoted_text(edge_label(edge)) + "\n";
  }
  return text;
}

}  // namespace sqlmodel::diagram
