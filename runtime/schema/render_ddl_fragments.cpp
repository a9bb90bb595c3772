#include "schema/render_ddl_fragments.hpp"

#include <cctype>

#include "sqlmodel/dialect.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::schema {
namespace {

std::string comment_value(const std::optional<std::string>& comment) {
  return comment ? quote_literal(*comment) : std::string("NULL");
}

}  // namespace

bool is_constant_default(std::string_view server_default) {
  const std::string_view text = trim_sql(server_default);
  const std::string word = upper_ascii(text);
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
