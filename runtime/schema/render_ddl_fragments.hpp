// DDL pieces the migration renderer needs beyond those ddl.hpp shares with create_all.
#pragma once

#include <optional>
#include <string>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

// A default SQLite accepts in ALTER TABLE ... ADD COLUMN: a number, a string or blob literal,
// NULL, TRUE or FALSE. CURRENT_TIMESTAMP and parenthesised expressions need a table rebuild
// (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
bool is_constant_default(std::string_view server_default);

// COMMENT ON TABLE / COLUMN ... IS '...', or IS NULL to remove one (PostgreSQL). ddl.hpp's
// render_comments only sets comments a table has; a migration also takes them away.
std::string render_table_comment(const std::string& table, const std::optional<std::string>& comment);
std::string render_column_comment(const std::string& table, const std::string& column,
                                  const std::optional<std::string>& comment);

}  // namespace sqlmodel::schema
