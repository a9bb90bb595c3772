// The SQL text of the ORM's statements. Identifiers always go through the dialect's quoting;
// values are always placeholders.
#include <string>
#include <variant>

// GCC 12 reports copies of std::variant<..., std::string, ...> as maybe-uninitialized (a known
// false positive of its variant storage analysis).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "schema/dialect.hpp"
#include "sqlmodel/query.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel {
namespace {

std::string quote(schema::Dialect dialect, std::string_view identifier) {
  return schema::quote_identifier(dialect, identifier);
}

std::string column_list(schema::Dialect dialect, std::span<const std::string_view> columns) {
  std::string list;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) list += ", ";
    list += quote(dialect, columns[i]);
  }
  return list;
}

std::string qualified(schema::Dialect dialect, std::string_view table, std::string_view column) {
  return quote(dialect, table) + "." + quote(dialect, column);
}

// A JSON string literal (SQLite lists) or a double-quoted array element (PostgreSQL).
std::string quoted_element(std::string_view text, bool json) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (json && static_cast<unsigned char>(c) < 0x20) {
      static constexpr char digits[] = "0123456789abcdef";
      out += "\\u00";
      out += digits[(c >> 4) & 0xf];
      out += digits[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string placeholder(schema::Dialect dialect, std::size_t number) {
  return dialect == schema::Dialect::postgresql ? "$" + std::to_string(number) : "?";
}

void bind_param(Statement& statement, int index, const Param& param) {
  std::visit(
      [&](const auto& value) {
        using V = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<V, std::monostate>) statement.bind_null(index);
        else if constexpr (std::is_same_v<V, bool>) statement.bind_bool(index, value);
        else if constexpr (std::is_same_v<V, std::int64_t>) statement.bind_int64(index, value);
        else if constexpr (std::is_same_v<V, double>) statement.bind_double(index, value);
        else if constexpr (std::is_same_v<V, std::string>) statement.bind_text(index, value);
        else if constexpr (std::is_same_v<V, UUID>) statement.bind_uuid(index, value);
        else statement.bind_blob(index, value);
      },
      param);
}

void render_condition(const ConditionNode& node, schema::Dialect dialect, std::string& sql,
                      std::vector<Param>& params) {
  using Op = ConditionNode::Op;
  auto next_placeholder = [&](const Param& value) {
    params.push_back(value);
    return placeholder(dialect, params.size());
  };
  switch (node.op) {
    case Op::compare:
      sql += qualified(dialect, node.table, node.column) + " " + std::string(node.comparison) + " " +
             next_placeholder(node.values.at(0));
      return;
    case Op::like:
      sql += qualified(dialect, node.table, node.column) + " LIKE " + next_placeholder(node.values.at(0));
      return;
    case Op::in:
      // An empty IN list is a syntax error in SQL; it matches nothing.
      if (node.values.empty()) {
        sql += "1 = 0";
        return;
      }
      sql += qualified(dialect, node.table, node.column) + " IN (";
      for (std::size_t i = 0; i < node.values.size(); ++i) {
        if (i) sql += ", ";
        sql += next_placeholder(node.values[i]);
      }
      sql += ")";
      return;
    case Op::is_null:
      sql += qualified(dialect, node.table, node.column) + " IS NULL";
      return;
    case Op::is_not_null:
      sql += qualified(dialect, node.table, node.column) + " IS NOT NULL";
      return;
    case Op::and_:
    case Op::or_:
      sql += "(";
      render_condition(*node.left, dialect, sql, params);
      sql += node.op == Op::and_ ? " AND " : " OR ";
      render_condition(*node.right, dialect, sql, params);
      sql += ")";
      return;
    case Op::not_:
      sql += "NOT (";
      render_condition(*node.left, dialect, sql, params);
      sql += ")";
      return;
  }
}

RenderedQuery SelectClauses::render(schema::Dialect dialect, std::string_view table,
                                    std::span<const std::string_view> columns) const {
  RenderedQuery query;
  std::string& sql = query.sql;
  sql = distinct ? "SELECT DISTINCT " : "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) sql += ", ";
    sql += qualified(dialect, table, columns[i]);
  }
  sql += " FROM " + quote(dialect, table);
  if (where) {
    sql += " WHERE ";
    render_condition(where->node(), dialect, sql, query.params);
  }
  if (!order.empty()) {
    sql += " ORDER BY ";
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i) sql += ", ";
      sql += qualified(dialect, order[i].table, order[i].column);
      if (order[i].descending) sql += " DESC";
    }
  }
  if (limit) {
    query.params.push_back(*limit);
    sql += " LIMIT " + placeholder(dialect, query.params.size());
  }
  if (offset) {
    // SQLite accepts OFFSET only after a LIMIT; -1 means no limit there.
    if (!limit && dialect == schema::Dialect::sqlite) sql += " LIMIT -1";
    query.params.push_back(*offset);
    sql += " OFFSET " + placeholder(dialect, query.params.size());
  }
  return query;
}

namespace sql {

std::string insert(schema::Dialect dialect, std::string_view table,
                   std::span<const std::string_view> columns,
                   std::optional<std::string_view> returning) {
  std::string text = "INSERT INTO " + quote(dialect, table);
  if (columns.empty()) {
    text += " DEFAULT VALUES";
  } else {
    text += " (" + column_list(dialect, columns) + ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) text += ", ";
      text += placeholder(dialect, i + 1);
    }
    text += ")";
  }
  if (returning) text += " RETURNING " + quote(dialect, *returning);
  return text;
}

std::string select_by_key(schema::Dialect dialect, std::string_view table,
                          std::span<const std::string_view> columns, std::string_view key) {
  return "SELECT " + column_list(dialect, columns) + " FROM " + quote(dialect, table) + " WHERE " +
         quote(dialect, key) + " = " + placeholder(dialect, 1);
}

std::string update_by_key(schema::Dialect dialect, std::string_view table,
                          std::span<const std::string_view> columns, std::string_view key) {
  std::string text = "UPDATE " + quote(dialect, table) + " SET ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) text += ", ";
    text += quote(dialect, columns[i]) + " = " + placeholder(dialect, i + 1);
  }
  return text + " WHERE " + quote(dialect, key) + " = " + placeholder(dialect, columns.size() + 1);
}

std::string delete_by_key(schema::Dialect dialect, std::string_view table, std::string_view key) {
  return "DELETE FROM " + quote(dialect, table) + " WHERE " + quote(dialect, key) + " = " +
         placeholder(dialect, 1);
}

std::string select_where_in_list(schema::Dialect dialect, std::string_view table,
                                 std::span<const std::string_view> columns, std::string_view key,
                                 std::string_view order_by) {
  std::string text = "SELECT " + column_list(dialect, columns) + " FROM " + quote(dialect, table) +
                     " WHERE " + quote(dialect, key);
  if (dialect == schema::Dialect::postgresql) text += " = ANY($1)";
  else text += " IN (SELECT value FROM json_each(?))";
  return text + " ORDER BY " + quote(dialect, key) + ", " + quote(dialect, order_by);
}

std::string integer_list(schema::Dialect dialect, std::span<const std::int64_t> values) {
  const bool json = dialect == schema::Dialect::sqlite;
  std::string text = json ? "[" : "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ",";
    text += std::to_string(values[i]);
  }
  return text + (json ? "]" : "}");
}

std::string text_list(schema::Dialect dialect, std::span<const std::string> values) {
  const bool json = dialect == schema::Dialect::sqlite;
  std::string text = json ? "[" : "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ",";
    text += quoted_element(values[i], json);
  }
  return text + (json ? "]" : "}");
}

}  // namespace sql
}  // namespace sqlmodel
