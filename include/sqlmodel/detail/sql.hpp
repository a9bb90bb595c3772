// SQL text of the statements the session prepares per model (by primary key, INSERT) and of
// the relationship statements (joined loads, link-model loads, cascades). Identifiers are
// quoted by the dialect; values are placeholders. Key lists travel as one bound list
// parameter (select_where_in_list). Defined in the ORM library (runtime/orm).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sqlmodel/dialect.hpp"

namespace sqlmodel::detail::sql {

std::string insert(schema::Dialect dialect, std::string_view table,
                   std::span<const std::string_view> columns,
                   std::optional<std::string_view> returning);
// INSERT of `rows` rows in one statement (multi-row VALUES), parameters row after row.
std::string insert_rows(schema::Dialect dialect, std::string_view table,
                        std::span<const std::string_view> columns, std::size_t rows,
                        std::optional<std::string_view> returning);
// " RETURNING \"a\", \"b\"", or "" for no column (PostgreSQL, and SQLite since 3.35).
std::string returning(schema::Dialect dialect, std::span<const std::string_view> columns);
// Rows whose `key` is in one bound list parameter: json_each(?) on SQLite, = ANY($1) on
// PostgreSQL. One statement text for any number of keys, so it is prepared once.
std::string select_where_in_list(schema::Dialect dialect, std::string_view table,
                                 std::span<const std::string_view> columns, std::string_view key,
                                 std::string_view order_by);
// The list parameter select_where_in_list binds: a JSON array (SQLite) or an array literal
// (PostgreSQL).
std::string integer_list(schema::Dialect dialect, std::span<const std::int64_t> values);
std::string text_list(schema::Dialect dialect, std::span<const std::string> values);

// "alias"."c1", "alias"."c2", ...
std::string qualified_columns(schema::Dialect dialect, std::string_view alias,
                              std::span<const std::string_view> columns);

// ` LEFT JOIN "table" AS "alias" ON "alias"."column" = "other_alias"."other_column"`
std::string left_join(schema::Dialect dialect, std::string_view table, std::string_view alias,
                      std::string_view column, std::string_view other_alias,
                      std::string_view other_column);

// The ORDER BY terms of a relationship's collection, qualified by `alias`: its order_by text
// ("-score, title": '-' is descending) or, without one, `keys`. Throws std::invalid_argument
// for an order_by that is not a comma-separated list of column names.
std::string collection_order(schema::Dialect dialect, std::string_view alias,
                             std::string_view order_by, std::span<const std::string_view> keys);

// `"alias"."column" IN <the list parameter numbered parameter>` (json_each on SQLite, ANY on
// PostgreSQL), or NOT IN with `negated`.
std::string in_list(schema::Dialect dialect, std::string_view alias, std::string_view column,
                    std::size_t parameter, bool negated = false);

// DELETE FROM "table" WHERE "column" IN <list parameter 1>
std::string delete_where_in_list(schema::Dialect dialect, std::string_view table,
                                 std::string_view column);

// `"k1" = <p> AND "k2" = <p+1>`, placeholders numbered from first_parameter (1-based).
std::string key_condition(schema::Dialect dialect, std::span<const std::string_view> keys,
                          std::size_t first_parameter);

// The per-object statements by primary key, for any number of key columns.
std::string select_by_keys(schema::Dialect dialect, std::string_view table,
                           std::span<const std::string_view> columns,
                           std::span<const std::string_view> keys);
std::string update_by_keys(schema::Dialect dialect, std::string_view table,
                           std::span<const std::string_view> columns,
                           std::span<const std::string_view> keys);
std::string delete_by_keys(schema::Dialect dialect, std::string_view table,
                           std::span<const std::string_view> keys);

}  // namespace sqlmodel::detail::sql
