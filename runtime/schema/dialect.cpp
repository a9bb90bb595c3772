#include "sqlmodel/dialect.hpp"

namespace sqlmodel::schema {
namespace {

std::string quote_with(char quote, std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += quote;
  for (char c : text) {
    if (c == quote) quoted += quote;
    quoted += c;
  }
  quoted += quote;
  return quoted;
}

}  // namespace

std::string_view to_string(Dialect dialect) {
  return dialect == Dialect::sqlite ? "sqlite" : "postgresql";
}

std::optional<Dialect> dialect_from_string(std::string_view text) {
  if (text == "sqlite") return Dialect::sqlite;
  if (text == "postgresql" || text == "postgres") return Dialect::postgresql;
  return std::nullopt;
}

std::string quote_identifier(Dialect, std::string_view identifier) {
  return quote_with('"', identifier);
}

std::string quote_literal(std::string_view text) { return quote_with('\'', text); }

}  // namespace sqlmodel::schema
