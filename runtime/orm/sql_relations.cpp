// SQL text of relationship statements and of statements by a composite primary key.
#include <stdexcept>
#include <string>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/detail/sql.hpp"

namespace sqlmodel::detail::sql {
namespace {

std::string quote(schema::Dialect dialect, std::string_view identifier) {
  return schema::quote_identifier(dialect, identifier);
}

std::string qualified(schema::Dialect dialect, std::string_view alias, std::string_view column) {
  return quote(dialect, alias) + "." + quote(dialect, column);
}

std::string placeholder(schema::Dialect dialect, std::size_t number) {
  return dialect == schema::Dialect::postgresql ? "$" + std::to_string(number) : "?";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_identifier(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  return !(name.front() >= '0' && name.front() <= '9');
}

}  // namespace

std::string qualified_columns(schema::Dialect dialect, std::string_view alias,
                              std::span<const std::string_view> columns) {
  std::string list;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) list += ", ";
    list += qualified(dialect, alias, columns[i]);
  }
  return list;
}

std::string left_join(schema::Dialect dialect, std::string_view table, std::string_view alias,
                      std::string_view column, std::string_view other_alias,
                      std::string_view other_column) {
  return " LEFT JOIN " + quote(dialect, table) + " AS " + quote(dialect, alias) + " ON " +
         qualified(dialect, alias, column) + " = " + qualified(dialect, other_alias, other_column);
}

std::string collection_order(schema::Dialect dialect, std::string_view alias,
                             std::string_view order_by, std::span<const std::string_view> keys) {
  std::string terms;
  if (trim(order_by).empty()) {
    for (std::string_view key : keys) {
      if (!terms.empty()) terms += ", ";
      terms += qualified(dialect, alias, key);
    }
    return terms;
  }
  std::string_view rest = order_by;
  while (true) {
    auto comma = rest.find(',');
    std::string_view term = trim(rest.substr(0, comma));
    bool descending = false;
    if (!term.empty() && term.front() == '-') {
      descending = true;
      term = trim(term.substr(1));
    }
    if (!is_identifier(term))
      throw std::invalid_argument("relationship order_by \"" + std::string(order_by) +
                                  "\": \"" + std::string(term) +
                                  "\" is not a column name (write \"title\" or \"-score, title\")");
    if (!terms.empty()) terms += ", ";
    terms += qualified(dialect, alias, term);
    if (descending) terms += " DESC";
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return terms;
}

std::string in_list(schema::Dialect dialect, std::string_view alias, std::string_view column,
                    std::size_t parameter, bool negated) {
  const std::string target = alias.empty() ? quote(dialect, column) : qualified(dialect, alias, column);
  if (dialect == schema::Dialect::postgresql)
    return target + (negated ? " <> ALL(" : " = ANY(") + placeholder(dialect, parameter) + ")";
  return target + (negated ? " NOT IN" : " IN") + " (SELECT value FROM json_each(?))";
}

std::string delete_where_in_list(schema::Dialect dialect, std::string_view table,
                                 std::string_view column) {
  return "DELETE FROM " + quote(dialect, table) + " WHERE " + in_list(dialect, {}, column, 1);
}

std::string key_condition(schema::Dialect dialect, std::span<const std::string_view> keys,
                          std::size_t first_parameter) {
  std::string condition;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) condition += " AND ";
    condition += quote(dialect, keys[i]) + " = " + placeholder(dialect, first_parameter + i);
  }
  return condition;
}

std::string select_by_keys(schema::Dialect dialect, std::string_view table,
                           std::span<const std::string_view> columns,
                           std::span<const std::string_view> keys) {
  std::string list;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) list += ", ";
    list += quote(dialect, columns[i]);
  }
  return "SELECT " + list + " FROM " + quote(dialect, table) + " WHERE " +
         key_condition(dialect, keys, 1);
}

std::string update_by_keys(schema::Dialect dialect, std::string_view table,
                           std::span<const std::string_view> columns,
                           std::span<const std::string_view> keys) {
  std::string text = "UPDATE " + quote(dialect, table) + " SET ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) text += ", ";
    text += quote(dialect, columns[i]) + " = " + placeholder(dialect, i + 1);
  }
  return text + " WHERE " + key_condition(dialect, keys, columns.size() + 1);
}

std::string delete_by_keys(schema::Dialect dialect, std::string_view table,
                           std::span<const std::string_view> keys) {
  return "DELETE FROM " + quote(dialect, table) + " WHERE " + key_condition(dialect, keys, 1);
}

}  // namespace sqlmodel::detail::sql
