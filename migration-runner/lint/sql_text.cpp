#include "lint/sql_text.hpp"

#include <cctype>

namespace sqlmodel::migrate::lint {
namespace {

using schema::SqlToken;
using schema::SqlTokenKind;

bool is_word(const SqlToken& token, std::string_view word) {
  if (token.kind != SqlTokenKind::word || token.text.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(token.text[i])) != word[i]) return false;
  return true;
}

// Reads the statement word by word from the front.
class Cursor {
 public:
  explicit Cursor(const SqlStatement& statement) : statement_(statement) {}

  bool accept(std::string_view word) {
    if (position_ < statement_.size() && is_word(statement_[position_], word)) {
      ++position_;
      return true;
    }
    return false;
  }
  bool accept_all(std::initializer_list<std::string_view> words) {
    const std::size_t start = position_;
    for (auto word : words)
      if (!accept(word)) {
        position_ = start;
        return false;
      }
    return true;
  }
  bool accept_operator(std::string_view op) {
    if (position_ < statement_.size() && statement_[position_].kind == SqlTokenKind::op &&
        statement_[position_].text == op) {
      ++position_;
      return true;
    }
    return false;
  }
  const SqlToken* peek() const { return position_ < statement_.size() ? &statement_[position_] : nullptr; }

  // A possibly qualified name (schema.table): its last part, unquoted.
  std::string name() {
    std::string last;
    while (position_ < statement_.size()) {
      const SqlToken& token = statement_[position_];
      if (token.kind != SqlTokenKind::word && token.kind != SqlTokenKind::quoted_identifier) break;
      last = token.kind == SqlTokenKind::word ? lowercase(token.text) : token.text;
      ++position_;
      if (position_ < statement_.size() && statement_[position_].kind == SqlTokenKind::punct &&
          statement_[position_].text == ".")
        ++position_;
      else
        break;
    }
    return last;
  }
  // Skips to just after `word`; false (and stays) when it does not come.
  bool skip_past(std::string_view word) {
    for (std::size_t i = position_; i < statement_.size(); ++i)
      if (is_word(statement_[i], word)) {
        position_ = i + 1;
        return true;
      }
    return false;
  }

 private:
  static std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;  // PostgreSQL folds unquoted names to lower case
  }

  const SqlStatement& statement_;
  std::size_t position_ = 0;
};

// "0", "0s", "0 ms", "00.0": a lock_timeout of zero, which PostgreSQL reads as no timeout.
bool is_zero_duration(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  const std::size_t digits = i;
  while (i < text.size() && (text[i] == '0' || text[i] == '.')) ++i;
  if (i == digits) return false;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;  // the unit
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i == text.size();
}

}  // namespace

std::vector<SqlStatement> sql_statements(std::string_view sql) {
  std::vector<SqlToken> tokens;
  try {
    tokens = schema::tokenize_sql(sql);
  } catch (const schema::SqlTokenError& error) {
    tokens = schema::tokenize_sql(sql.substr(0, error.offset()));  // what precedes the problem reads
  }
  std::vector<SqlStatement> statements(1);
  for (const auto& token : tokens) {
    if (token.kind == SqlTokenKind::end) break;
    if (token.kind == SqlTokenKind::punct && token.text == ";")
      statements.emplace_back();
    else
      statements.back().push_back(token);
  }
  std::erase_if(statements, [](const SqlStatement& statement) { return statement.empty(); });
  return statements;
}

bool has_word(const SqlStatement& statement, std::string_view word) {
  for (const auto& token : statement)
    if (is_word(token, word)) return true;
  return false;
}

std::optional<bool> lock_timeout_setting(const SqlStatement& statement) {
  Cursor at(statement);
  if (at.accept("reset")) {
    if (at.accept("lock_timeout") || at.accept("all")) return false;
    return std::nullopt;
  }
  if (!at.accept("set")) return std::nullopt;
  if (!at.accept("session")) at.accept("local");
  if (!at.accept("lock_timeout")) return std::nullopt;
  if (!at.accept("to")) at.accept_operator("=");
  const SqlToken* setting = at.peek();
  if (setting == nullptr || is_word(*setting, "default")) return false;
  if (setting->kind != SqlTokenKind::number && setting->kind != SqlTokenKind::string) return true;
  return !is_zero_duration(setting->text);
}

std::optional<std::vector<std::string>> locked_tables(const SqlStatement& statement) {
  using Tables = std::vector<std::string>;
  Cursor at(statement);
  // The tables after each REFERENCES: a foreign key locks the table it points at.
  auto referenced = [&](Tables tables) {
    Cursor scan(statement);
    while (scan.skip_past("references")) tables.push_back(scan.name());
    return tables;
  };
  if (at.accept_all({"alter", "table"})) {
    at.accept_all({"if", "exists"});
    at.accept("only");
    std::string table = at.name();
    // VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: reads and writes go on.
    if (at.accept_all({"validate", "constraint"})) return std::nullopt;
    return referenced({table});
  }
  if (at.accept("create")) {
    at.accept("unique");
    if (at.accept("index")) {
      if (at.accept("concurrently")) return std::nullopt;
      if (!at.skip_past("on")) return Tables{""};
      at.accept("only");
      return Tables{at.name()};
    }
    at.accept_all({"or", "replace"});
    at.accept("constraint");
    if (at.accept("trigger")) return Tables{at.skip_past("on") ? at.name() : ""};
    if (at.accept("table") || at.accept_all({"unlogged", "table"})) {
      Tables tables = referenced({});
      if (tables.empty()) return std::nullopt;
      return tables;
    }
    return std::nullopt;
  }
  if (at.accept_all({"drop", "table"})) {
    at.accept_all({"if", "exists"});
    return Tables{at.name()};
  }
  if (at.accept_all({"drop", "index"})) {
    if (at.accept("concurrently")) return std::nullopt;
    return Tables{""};
  }
  if (at.accept("truncate") || at.accept("lock") || at.accept("cluster")) {
    at.accept("table");
    at.accept("only");
    return Tables{at.name()};
  }
  if (at.accept("reindex")) {
    if (has_word(statement, "concurrently")) return std::nullopt;
    return Tables{at.accept("table") ? at.name() : ""};
  }
  if (at.accept_all({"vacuum", "full"})) return Tables{at.name()};
  return std::nullopt;
}

std::optional<std::string> created_table(const SqlStatement& statement) {
  Cursor at(statement);
  if (!at.accept("create")) return std::nullopt;
  at.accept("unlogged");
  if (!at.accept("table")) return std::nullopt;
  at.accept_all({"if", "not", "exists"});
  return at.name();
}

}  // namespace sqlmodel::migrate::lint
