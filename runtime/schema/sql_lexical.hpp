// Small lexical facts about SQL text the DDL writers and the migration renderer both need:
// one definition of what counts as a literal, so create_all and ALTER TABLE agree.
#pragma once

#include <string>
#include <string_view>

namespace sqlmodel::schema {

std::string_view trim_sql(std::string_view text);
std::string upper_ascii(std::string_view text);

// 'it''s' is one literal; 'a' || 'b' is not.
bool is_string_literal(std::string_view text);

// An optionally signed decimal: 42, -1.5, .5, 3., 1e-9.
bool is_number_literal(std::string_view text);

// `expression` (a CHECK or a partial index predicate) with the column `from` renamed to `to`,
// as PostgreSQL and SQLite rewrite their stored copy on RENAME COLUMN. A bare identifier matches
// case-insensitively (both fold it), a "quoted" one exactly; string literals, function names
// (an identifier before '(') and qualified names of other tables (x.col) are left alone.
std::string rename_column_in_expression(std::string_view expression, std::string_view from, std::string_view to);

}  // namespace sqlmodel::schema
