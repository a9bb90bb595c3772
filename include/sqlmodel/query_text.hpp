// Raw SQL with named parameters and typed results, for what the typed builders do not cover.
//
//   auto rows = session.exec(text<std::tuple<std::string, std::int64_t>>(
//                                "SELECT name, age FROM users WHERE age >= :min AND name <> :skip")
//                                .bind("min", 18).bind("skip", "root"));
//   auto users = session.exec(text<User>("SELECT * FROM users WHERE age > :age").bind("age", 30));
//   std::int64_t changed = session.exec(text("UPDATE users SET age = 0 WHERE age < :a").bind("a", 0));
//
// :name placeholders become the dialect's placeholders and every value is bound, never spliced.
// '::' (a PostgreSQL cast), text inside quotes or comments, and '\:' (a literal colon) are not
// placeholders. Running the statement with a placeholder that has no value, or with a value
// whose name does not occur in the SQL, is an error that names the parameter and shows the SQL.
//
// Results: text<std::tuple<...>> reads the columns by position, each with its member codec;
// text<Model> reads the model's columns by name (the SQL is wrapped in SELECT t.<columns> FROM
// (...), so it must be a query, and a missing column is the database's error naming it);
// text() without a row type returns the number of rows changed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/query_select.hpp"

namespace sqlmodel {

namespace detail {

// The SQL with :name placeholders replaced by the dialect's, and the name of each placeholder
// in order (a name used twice appears twice).
struct NamedParameters {
  std::string sql;
  std::vector<std::string> names;
};
detail::NamedParameters parse_named_parameters(std::string_view sql, schema::Dialect dialect);

// Binds `values` to the placeholders of `sql`; throws std::invalid_argument naming a missing
// or an unused parameter.
detail::RenderedQuery render_text(schema::Dialect dialect, std::string_view sql,
                          const std::map<std::string, detail::Param, std::less<>>& values);

// SELECT "c1", "c2", ... FROM (inner) AS "text_result"
std::string select_columns_of(schema::Dialect dialect, std::string_view inner,
                              std::span<const std::string_view> columns);

template <typename Row>
inline constexpr bool is_tuple_v = false;
template <typename... Ts>
inline constexpr bool is_tuple_v<std::tuple<Ts...>> = true;

}  // namespace detail

template <typename Row = void>
class Text {
  static_assert(std::is_void_v<Row> || detail::is_tuple_v<Row> || TableModel<Row>,
                "text<Row>: Row is a std::tuple of column types or a table model");

 public:
  using runnable_query = void;
  explicit Text(std::string sql) : sql_(std::move(sql)) {}

  template <typename V>
    requires Codable<V>
  Text& bind(std::string name, const V& value) {
    values_[std::move(name)] = detail::to_param(value);
    return *this;
  }
  Text& bind(std::string name, const char* value) { return bind(std::move(name), std::string(value)); }

  detail::RenderedQuery render(schema::Dialect dialect) const {
    detail::RenderedQuery rendered = detail::render_text(dialect, sql_, values_);
    if constexpr (TableModel<Row>) {
      static const auto columns = [] {
        std::vector<std::string_view> names;
        for_each_column<Row>([&](auto, const auto& column) { names.push_back(column.name); });
        return names;
      }();
      rendered.sql = detail::select_columns_of(dialect, rendered.sql, columns);
    }
    return rendered;
  }

  // session.exec(query) calls this.
  template <typename S>
  auto run(S& session) const {
    detail::RenderedQuery rendered = render(session.dialect());
    if constexpr (std::is_void_v<Row>) {
      session.flush();
      Statement& statement = session.connection().prepare(rendered.sql);
      return session
          .run(statement, rendered.params.size(), [&](Statement& s) { detail::bind_params(s, rendered.params); },
               [](Statement&) {})
          .rows_changed;
    } else if constexpr (TableModel<Row>) {
      session.flush();
      Statement& statement = session.connection().prepare(rendered.sql, model_traits<Row>::table_name);
      std::vector<Row> rows;
      session.run(statement, rendered.params.size(), [&](Statement& s) { detail::bind_params(s, rendered.params); },
                  [&](Statement& s) {
                    Row& row = rows.emplace_back();
                    detail::read_columns(s, row);
                    session.remember(row);
                  });
      return rows;
    } else {
      return detail::fetch_rows<Row>(session, rendered, {});
    }
  }

 private:
  std::string sql_;
  std::map<std::string, detail::Param, std::less<>> values_;
};

inline Text<> text(std::string sql) { return Text<>(std::move(sql)); }
template <typename Row>
Text<Row> text(std::string sql) {
  return Text<Row>(std::move(sql));
}

}  // namespace sqlmodel
