#include "schema/render_ddl_fragments.hpp"

#include <cctype>

#include "schema/dialect.hpp"

namespace sqlmodel::schema {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

bool skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  return i > start;
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

// 'it''s' is one literal; 'a' || 'b' is not.
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

std::string comment_value(const std::optional<std::string>& comment) {
  return comment ? quote_literal(*comment) : std::string("NULL");
}

}  // namespace

bool is_constant_default(std::string_view server_default) {
  const std::string_view text = trimmed(server_default);
  const std::string word = upper(text);
  if (word == "NULL" || word == "TRUE" || word == "FALSE") return true;
  if (is_number_literal(text) || is_string_literal(text)) return true;
  return text.size() >= 3 && (text[0] == 'x' || text[0] == 'X') && is_string_literal(text.substr(1));
}

std::string render_table_comment(const std::string& table, const std::optional<std::string>& comment) {
  return "COMMENT ON TABLE " + quote_identifier(Dialect::postgresql, table) + " IS " +
         comment_value(comment);
}

std::string render_column_comment(const std::string& table, const std::string& column,
                                  const std::optional<std::string>& comment) {
  return "COMMENT ON COLUMN " + quote_identifier(Dialect::postgresql, table) + "." +
         quote_identifier(Dialect::postgresql, column) + " IS " + comment_value(comment);
}

}  // namespace sqlmodel::schema
