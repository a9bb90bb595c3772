// The SQL dialects and their identifier and literal quoting. Every identifier that reaches
// SQL goes through quote_identifier: reserved words, mixed case and embedded quotes all work.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sqlmodel::schema {

enum class Dialect { sqlite, postgresql };

std::string_view to_string(Dialect dialect);  // "sqlite", "postgresql"
std::optional<Dialect> dialect_from_string(std::string_view text);

// "name" with embedded double quotes doubled (both dialects use the SQL standard form).
std::string quote_identifier(Dialect dialect, std::string_view identifier);
// 'text' with embedded single quotes doubled.
std::string quote_literal(std::string_view text);

}  // namespace sqlmodel::schema
