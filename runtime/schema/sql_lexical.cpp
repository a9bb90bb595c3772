#include "schema/sql_lexical.hpp"

#include <array>

#include "sqlmodel/dialect.hpp"

namespace sqlmodel::schema {
namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

class Lexer {
 public:
  Lexer(std::string_view sql, SqlLexDialect dialect) : sql_(sql), sqlite_(dialect == SqlLexDialect::sqlite) {}

  std::vector<SqlToken> run() {
    std::vector<SqlToken> tokens;
    while (true) {
      skip_space_and_comments();
      if (pos_ >= sql_.size()) break;
      tokens.push_back(next());
    }
    tokens.push_back(SqlToken{SqlTokenKind::end, {}, sql_.size(), sql_.size()});
    return tokens;
  }

 private:
  char at(std::size_t i) const { return i < sql_.size() ? sql_[i] : '\0'; }

  bool comment_starts(std::size_t i) const {
    return (at(i) == '-' && at(i + 1) == '-') || (at(i) == '/' && at(i + 1) == '*');
  }

  void skip_space_and_comments() {
    while (pos_ < sql_.size()) {
      if (is_space(sql_[pos_])) {
        ++pos_;
      } else if (at(pos_) == '-' && at(pos_ + 1) == '-') {
        const auto newline = sql_.find('\n', pos_);
        pos_ = newline == std::string_view::npos ? sql_.size() : newline + 1;
      } else if (at(pos_) == '/' && at(pos_ + 1) == '*') {
        skip_block_comment();
      } else {
        return;
      }
    }
  }

  // PostgreSQL nests block comments and refuses an open one; SQLite ends one at the first */
  // and lets one left open run to the end of the text.
  void skip_block_comment() {
    const std::size_t start = pos_;
    if (sqlite_) {
      const auto close = sql_.find("*/", pos_ + 2);
      pos_ = close == std::string_view::npos ? sql_.size() : close + 2;
      return;
    }
    int depth = 0;
    do {
      if (pos_ + 1 >= sql_.size()) throw SqlTokenError("unterminated comment", start);
      if (at(pos_) == '/' && at(pos_ + 1) == '*') {
        ++depth;
        pos_ += 2;
      } else if (at(pos_) == '*' && at(pos_ + 1) == '/') {
        --depth;
        pos_ += 2;
      } else {
        ++pos_;
      }
    } while (depth > 0);
  }

  // E'...': a backslash takes the next character ('' still stands for one quote).
  SqlToken escaped_string(std::size_t begin) {
    std::string value;
    ++pos_;  // the opening quote
    while (true) {
      if (pos_ >= sql_.size()) throw SqlTokenError("unterminated string literal", begin);
      const char c = sql_[pos_++];
      if (c == '\\' && pos_ < sql_.size()) {
        value += sql_[pos_++];
      } else if (c == '\'') {
        if (at(pos_) != '\'') break;
        value += '\'';
        ++pos_;
      } else {
        value += c;
      }
    }
    return SqlToken{SqlTokenKind::string, std::move(value), begin, pos_};
  }

  // $tag$ at pos_: its length with both dollars; 0 when it does not open a dollar quote ($1).
  std::size_t dollar_tag_length() const {
    std::size_t i = pos_ + 1;
    if (is_ascii_digit(at(i))) return 0;
    while (i < sql_.size() && is_identifier_part(sql_[i]) && sql_[i] != '$') ++i;
    return at(i) == '$' ? i + 1 - pos_ : 0;
  }

  SqlToken dollar_quoted(std::size_t begin, std::size_t tag_length) {
    const std::string_view tag = sql_.substr(pos_, tag_length);
    const auto close = sql_.find(tag, pos_ + tag_length);
    if (close == std::string_view::npos) throw SqlTokenError("unterminated dollar quote", begin);
    std::string value(sql_.substr(pos_ + tag_length, close - pos_ - tag_length));
    pos_ = close + tag_length;
    return SqlToken{SqlTokenKind::string, std::move(value), begin, pos_};
  }

  // A run closed by `quote`, where a doubled quote stands for one ("a""b", 'it''s', `a``b`).
  SqlToken quoted(SqlTokenKind kind, char quote, const char* what) {
    const std::size_t begin = pos_;
    std::string value;
    ++pos_;
    while (true) {
      if (pos_ >= sql_.size()) throw SqlTokenError(std::string("unterminated ") + what, begin);
      const char c = sql_[pos_++];
      if (c == quote) {
        if (at(pos_) != quote) break;
        ++pos_;
      }
      value += c;
    }
    return SqlToken{kind, std::move(value), begin, pos_};
  }

  SqlToken as_written(SqlTokenKind kind, std::size_t begin) const {
    return SqlToken{kind, std::string(sql_.substr(begin, pos_ - begin)), begin, pos_};
  }

  SqlToken number(std::size_t begin) {
    if (at(pos_) == '0' && (at(pos_ + 1) == 'x' || at(pos_ + 1) == 'X')) pos_ += 2;
    const bool hex = pos_ == begin + 2;
    while (pos_ < sql_.size()) {
      const char c = sql_[pos_];
      const bool exponent_sign = !hex && (c == '+' || c == '-') && (at(pos_ - 1) == 'e' || at(pos_ - 1) == 'E') &&
                                 is_ascii_digit(at(pos_ + 1));
      if (!(is_identifier_part(c) || c == '.' || exponent_sign)) break;
      ++pos_;
    }
    return as_written(SqlTokenKind::number, begin);
  }

  SqlToken postgres_operator(std::size_t begin) {
    while (pos_ < sql_.size() && is_postgres_operator_char(sql_[pos_]) && !(pos_ > begin && comment_starts(pos_)))
      ++pos_;
    // A multi-character operator ends in + or - only if it holds one of ~ ! @ # % ^ & | ` ?,
    // so "n>=-1" is ">=" then "-".
    std::string_view op = sql_.substr(begin, pos_ - begin);
    while (op.size() > 1 && (op.back() == '+' || op.back() == '-') && op.find_first_of("~!@#%^&|`?") == std::string_view::npos) {
      op.remove_suffix(1);
      --pos_;
    }
    return as_written(SqlTokenKind::op, begin);
  }

  SqlToken sqlite_operator(std::size_t begin) {
    static constexpr std::array<std::string_view, 10> multi{"->>", "->", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>"};
    for (std::string_view op : multi)
      if (sql_.substr(pos_, op.size()) == op) {
        pos_ += op.size();
        return as_written(SqlTokenKind::op, begin);
      }
    ++pos_;
    return as_written(SqlTokenKind::op, begin);
  }

  SqlToken next() {
    const std::size_t begin = pos_;
    const char c = sql_[pos_];
    if (c == '\'') return quoted(SqlTokenKind::string, '\'', "string literal");
    if (!sqlite_ && (c == 'E' || c == 'e') && at(pos_ + 1) == '\'') {
      ++pos_;
      return escaped_string(begin);
    }
    if (!sqlite_ && c == '$') {
      if (const std::size_t tag = dollar_tag_length()) return dollar_quoted(begin, tag);
    }
    if (c == '"') return quoted(SqlTokenKind::quoted_identifier, '"', "double-quoted identifier");
    if (sqlite_ && c == '`') return quoted(SqlTokenKind::quoted_identifier, '`', "backtick-quoted identifier");
    if (sqlite_ && c == '[') {
      // [name] has no escape: the first ']' closes it.
      const auto close = sql_.find(']', pos_ + 1);
      if (close == std::string_view::npos) throw SqlTokenError("unterminated [bracketed] identifier", begin);
      pos_ = close + 1;
      return SqlToken{SqlTokenKind::quoted_identifier, std::string(sql_.substr(begin + 1, close - begin - 1)), begin, pos_};
    }
    if (sqlite_ && (c == 'x' || c == 'X') && at(pos_ + 1) == '\'') {
      ++pos_;
      SqlToken literal = quoted(SqlTokenKind::blob, '\'', "blob literal");
      literal.offset = begin;
      literal.text = std::string(sql_.substr(begin, pos_ - begin));
      return literal;
    }
    if (is_ascii_digit(c) || (c == '.' && is_ascii_digit(at(pos_ + 1)))) return number(begin);
    if (is_identifier_start(c)) {
      while (pos_ < sql_.size() && is_identifier_part(sql_[pos_])) ++pos_;
      return as_written(SqlTokenKind::word, begin);
    }
    if (c == '$' && (sqlite_ ? is_identifier_part(at(pos_ + 1)) : is_ascii_digit(at(pos_ + 1)))) {
      ++pos_;
      while (pos_ < sql_.size() && is_identifier_part(sql_[pos_])) ++pos_;
      return as_written(SqlTokenKind::parameter, begin);
    }
    if (sqlite_ && (c == '?' || ((c == ':' || c == '@') && is_identifier_start(at(pos_ + 1))))) {
      ++pos_;
      while (pos_ < sql_.size() && (c == '?' ? is_ascii_digit(sql_[pos_]) : is_identifier_part(sql_[pos_]))) ++pos_;
      return as_written(SqlTokenKind::parameter, begin);
    }
    if (c == ':' && at(pos_ + 1) == ':') {
      pos_ += 2;
      return as_written(SqlTokenKind::punct, begin);
    }
    if (std::string_view("()[],.;:").find(c) != std::string_view::npos) {
      ++pos_;
      return as_written(SqlTokenKind::punct, begin);
    }
    if (sqlite_ ? std::string_view("+-*/%<>=&|~!").find(c) != std::string_view::npos : is_postgres_operator_char(c))
      return sqlite_ ? sqlite_operator(begin) : postgres_operator(begin);
    ++pos_;
    return as_written(SqlTokenKind::other, begin);
  }

  std::string_view sql_;
  bool sqlite_;
  std::size_t pos_ = 0;
};



// A bare name stays bare when it can (the expression then reads as the user wrote it).
std::string quote_when_needed(std::string_view name) {
  bool plain = !name.empty() && is_identifier_start(name.front());
  for (char c : name) plain = plain && is_identifier_part(c) && !(c >= 'A' && c <= 'Z');
  return plain ? std::string(name) : quote_identifier(Dialect::postgresql, name);
}

bool skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && is_ascii_digit(text[i])) ++i;
  return i > start;
}

}  // namespace

bool is_postgres_operator_char(char c) { return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos; }

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

bool is_identifier_part(char c) { return is_identifier_start(c) || is_ascii_digit(c) || c == '$'; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::string lower_ascii(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = ascii_lower(c);
  return result;
}

std::string upper_ascii(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = ascii_upper(c);
  return result;
}

bool SqlToken::is_word(std::string_view word) const {
  return kind == SqlTokenKind::word && equals_ignoring_case(text, word);
}

bool SqlToken::is_symbol(std::string_view symbol) const {
  return (kind == SqlTokenKind::op || kind == SqlTokenKind::punct) && text == symbol;
}

std::vector<SqlToken> tokenize_sql(std::string_view sql, SqlLexDialect dialect) { return Lexer(sql, dialect).run(); }


std::string_view trim_sql(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_string_literal(std::string_view text) {
  if (!text.starts_with('\'')) return false;  // E'..' and $$..$$ are PostgreSQL's only
  try {
    const auto tokens = tokenize_sql(text, SqlLexDialect::postgresql);
    return tokens.size() == 2 && tokens[0].kind == SqlTokenKind::string && tokens[0].end == text.size();
  } catch (const SqlTokenError&) {
    return false;
  }
}

bool is_number_literal(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  bool digits = skip_digits(text, i);
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits = skip_digits(text, i) || digits;
  }
  if (!digits) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!skip_digits(text, i)) return false;
  }
  return i == text.size();
}

std::string rename_column_in_expression(std::string_view expression, std::string_view from, std::string_view to) {
  std::vector<SqlToken> tokens;
  try {
    tokens = tokenize_sql(expression, SqlLexDialect::postgresql);
  } catch (const SqlTokenError&) {
    return std::string(expression);  // an unterminated quote: nothing is safely a name
  }
  // The text between tokens (spaces, comments) is kept as it is; only names change.
  std::string result;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const SqlToken& token = tokens[i];
    const bool name = (token.kind == SqlTokenKind::word && equals_ignoring_case(token.text, from)) ||
                      (token.kind == SqlTokenKind::quoted_identifier && token.text == from);
    // A column reference, not a function name or another table's column (x.col).
    if (!name || tokens[i + 1].is_symbol("(") || (i > 0 && tokens[i - 1].is_symbol("."))) continue;
    result += expression.substr(copied, token.offset - copied);
    result += token.kind == SqlTokenKind::quoted_identifier ? quote_identifier(Dialect::postgresql, to)
                                                            : quote_when_needed(to);
    copied = token.end;
  }
  result += expression.substr(copied);
  return result;
}

bool expression_mentions_column(std::string_view expression, std::string_view column) {
  // A name no expression holds: renaming the column to it changes the text only where the
  // column is mentioned.
  constexpr std::string_view marker = "\x01sqlmodel_mention\x01";
  return rename_column_in_expression(expression, column, marker) != expression;
}

}  // namespace sqlmodel::schema
