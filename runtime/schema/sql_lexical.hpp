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

}  // namespace sqlmodel::schema
