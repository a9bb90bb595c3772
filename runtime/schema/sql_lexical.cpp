#include "schema/sql_lexical.hpp"

#include <cctype>

namespace sqlmodel::schema {
namespace {

bool identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool identifier_part(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Where a quoted token that opens at `begin` ends (one past its closing quote); a doubled quote
// inside is part of it.
std::size_t end_of_quoted(std::string_view text, std::size_t begin) {
  const char quote = text[begin];
  std::size_t i = begin + 1;
  while (i < text.size()) {
    if (text[i] == quote) {
      if (i + 1 < text.size() && text[i + 1] == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return text.size();
}

std::string unquote_identifier(std::string_view quoted) {
  std::string name;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    name += quoted[i];
    if (quoted[i] == '"' && quoted[i + 1] == '"') ++i;
  }
  return name;
}

std::string double_quoted(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// A bare name stays bare when it can (the expression then reads as the user wrote it).
std::string quote_when_needed(std::string_view name) {
  bool plain = !name.empty() && identifier_start(name.front());
  for (char c : name) plain = plain && identifier_part(c) && !std::isupper(static_cast<unsigned char>(c));
  return plain ? std::string(name) : double_quoted(name);
}

// A column reference, not a function name or another table's column.
bool names_a_column(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t after = end;
  while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
  if (after < text.size() && text[after] == '(') return false;
  std::size_t before = begin;
  while (before > 0 && std::isspace(static_cast<unsigned char>(text[before - 1]))) --before;
  return before == 0 || text[before - 1] != '.';
}

bool skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  return i > start;
}

}  // namespace

std::string_view trim_sql(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string upper_ascii(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

bool is_string_literal(std::string_view text) {
  if (text.size() < 2 || text.front() != '\'' || text.back() != '\'') return false;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] != '\'') continue;
    if (i + 2 < text.size() && text[i + 1] == '\'') {
      ++i;
      continue;
    }
    return false;
  }
  return true;
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
  std::string result;
  std::size_t i = 0;
  while (i < expression.size()) {
    const char c = expression[i];
    if (c == '\'' || c == '"') {
      const std::size_t end = end_of_quoted(expression, i);
      const std::string_view token = expression.substr(i, end - i);
      if (c == '"' && unquote_identifier(token) == from && names_a_column(expression, i, end))
        result += double_quoted(to);
      else
        result += token;
      i = end;
    } else if (identifier_start(c)) {
      std::size_t end = i;
      while (end < expression.size() && identifier_part(expression[end])) ++end;
      const std::string_view token = expression.substr(i, end - i);
      result += equal_ignoring_case(token, from) && names_a_column(expression, i, end) ? quote_when_needed(to)
                                                                                      : std::string(token);
      i = end;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      // A number such as 1e5 is not an identifier "e5".
      std::size_t end = i;
      while (end < expression.size() && identifier_part(expression[end])) ++end;
      result += expression.substr(i, end - i);
      i = end;
    } else {
      result += c;
      ++i;
    }
  }
  return result;
}

namespace {

bool is_word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool is_word_char(char c) { return is_word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }
bool is_op_char(char c) { return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos; }

// Reads the text between `quote`s starting at `i` (on the opening quote), doubled quotes
// standing for one; with `backslash_escapes` (E'...') a backslash takes the next character.
std::string read_quoted(std::string_view text, std::size_t& i, char quote, bool backslash_escapes = false) {
  std::string content;
  for (++i; i < text.size(); ++i) {
    if (backslash_escapes && text[i] == '\\' && i + 1 < text.size()) {
      content += text[++i];
    } else if (text[i] != quote) {
      content += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == quote) {
      content += quote;
      ++i;
    } else {
      ++i;
      return content;
    }
  }
  throw SqlTokenError("unterminated quote", 0);  // tokenize_sql gives the token's offset
}

// $tag$ at `i`: the tag's length with both dollars, 0 when `i` does not open a dollar quote.
std::size_t dollar_tag_length(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  if (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) return 0;  // $1: a parameter
  while (j < text.size() && (is_word_start(text[j]) || std::isdigit(static_cast<unsigned char>(text[j])))) ++j;
  return j < text.size() && text[j] == '$' ? j + 1 - i : 0;
}

// Skips whitespace and comments from `i`; false at the end of the text.
bool skip_blank(std::string_view text, std::size_t& i) {
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      auto newline = text.find('\n', i);
      i = newline == std::string_view::npos ? text.size() : newline + 1;
    } else if (text.substr(i, 2) == "/*") {
      int depth = 0;  // PostgreSQL nests block comments
      const std::size_t start = i;
      do {
        if (i + 1 >= text.size()) throw SqlTokenError("unterminated comment", start);
        if (text.substr(i, 2) == "/*") ++depth, i += 2;
        else if (text.substr(i, 2) == "*/") --depth, i += 2;
        else ++i;
      } while (depth > 0);
    } else {
      return true;
    }
  }
  return false;
}

// Reads the token at `i` (not blank) onto `tokens` and moves `i` past it.
void read_token(std::string_view text, std::size_t& i, std::vector<SqlToken>& tokens) {
  const std::size_t start = i;
  auto add = [&](SqlTokenKind kind, std::string token_text) {
    tokens.push_back({kind, std::move(token_text), start});
  };
  const char c = text[i];
  if (c == '\'') {
    add(SqlTokenKind::string, read_quoted(text, i, '\''));
  } else if ((c == 'E' || c == 'e') && i + 1 < text.size() && text[i + 1] == '\'') {
    ++i;
    add(SqlTokenKind::string, read_quoted(text, i, '\'', true));
  } else if (c == '"') {
    add(SqlTokenKind::quoted_identifier, read_quoted(text, i, '"'));
  } else if (c == '$' && dollar_tag_length(text, i) > 0) {
    const std::string_view tag = text.substr(i, dollar_tag_length(text, i));
    const std::size_t close = text.find(tag, i + tag.size());
    if (close == std::string_view::npos) throw SqlTokenError("unterminated dollar quote", start);
    add(SqlTokenKind::string, std::string(text.substr(i + tag.size(), close - i - tag.size())));
    i = close + tag.size();
  } else if (c == '$' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    add(SqlTokenKind::word, std::string(text.substr(start, i - start)));
  } else if (std::isdigit(static_cast<unsigned char>(c)) ||
             (c == '.' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      std::size_t exponent = i + 1;
      if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
      if (exponent < text.size() && std::isdigit(static_cast<unsigned char>(text[exponent]))) {
        i = exponent;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      }
    }
    add(SqlTokenKind::number, std::string(text.substr(start, i - start)));
  } else if (is_word_start(c)) {
    while (i < text.size() && is_word_char(text[i])) ++i;
    add(SqlTokenKind::word, std::string(text.substr(start, i - start)));
  } else if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') {
    add(SqlTokenKind::punct, "::");
    i += 2;
  } else if (is_op_char(c)) {
    while (i < text.size() && is_op_char(text[i]) && text.substr(i, 2) != "--" && text.substr(i, 2) != "/*") ++i;
    std::string op(text.substr(start, i - start));
    // PostgreSQL's rule: a multi-character operator ends in + or - only if it holds one of
    // ~ ! @ # % ^ & | ` ?, so "n>=-1" is ">=" then "-".
    while (op.size() > 1 && (op.back() == '+' || op.back() == '-') &&
           op.find_first_of("~!@#%^&|`?") == std::string::npos) {
      op.pop_back();
      --i;
    }
    add(SqlTokenKind::op, op);
  } else if (std::string_view("()[],.;:").find(c) != std::string_view::npos) {
    add(SqlTokenKind::punct, std::string(1, c));
    ++i;
  } else {
    throw SqlTokenError(std::string("unexpected character '") + c + "'", start);
  }
}

}  // namespace

std::vector<SqlToken> tokenize_sql(std::string_view text) {
  std::vector<SqlToken> tokens;
  std::size_t i = 0;
  while (skip_blank(text, i)) {
    const std::size_t start = i;
    try {
      read_token(text, i, tokens);
    } catch (const SqlTokenError& error) {
      throw SqlTokenError(error.what(), start);
    }
  }
  tokens.push_back({SqlTokenKind::end, "", text.size()});
  return tokens;
}

}  // namespace sqlmodel::schema
