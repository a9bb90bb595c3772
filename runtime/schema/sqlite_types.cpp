#include "schema/sqlite_types.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace sqlmodel::schema {
namespace {

// What the arguments in parentheses after a declared type mean.
enum class Arguments { none, length, precision_scale, exactly_36, exactly_32 };

struct Spelling {
  TypeKind kind;
  bool with_timezone;
  std::string_view declared;
  Arguments arguments;
  bool canonical;  // false: accepted when reading, never written
};

// The mapping table of sqlite_types.hpp. The first canonical entry for a kind is the one
// written; every entry is read.
constexpr std::array<Spelling, 23> spellings{{
    {TypeKind::int16, false, "SMALLINT", Arguments::none, true},
    {TypeKind::int32, false, "INTEGER", Arguments::none, true},
    {TypeKind::int32, false, "INT", Arguments::none, false},
    {TypeKind::int64, false, "BIGINT", Arguments::none, true},
    {TypeKind::boolean, false, "BOOLEAN", Arguments::none, true},
    {TypeKind::float32, false, "REAL", Arguments::none, true},
    {TypeKind::float64, false, "DOUBLE", Arguments::none, true},
    {TypeKind::float64, false, "DOUBLE PRECISION", Arguments::none, false},
    {TypeKind::float64, false, "FLOAT", Arguments::none, false},
    {TypeKind::string, false, "VARCHAR", Arguments::length, true},
    {TypeKind::text, false, "TEXT", Arguments::none, true},
    {TypeKind::string, false, "CHARACTER VARYING", Arguments::length, false},
    {TypeKind::blob, false, "BLOB", Arguments::none, true},
    {TypeKind::date, false, "DATE", Arguments::none, true},
    {TypeKind::datetime, false, "DATETIME", Arguments::none, true},
    {TypeKind::datetime, false, "TIMESTAMP", Arguments::none, false},
    {TypeKind::datetime, true, "TIMESTAMP WITH TIME ZONE", Arguments::none, true},
    {TypeKind::uuid, false, "CHAR", Arguments::exactly_36, true},
    {TypeKind::uuid, false, "CHAR", Arguments::exactly_32, true},
    {TypeKind::json, false, "JSON", Arguments::none, true},
    {TypeKind::numeric, false, "NUMERIC", Arguments::precision_scale, true},
    {TypeKind::numeric, false, "DECIMAL", Arguments::precision_scale, false},
    {TypeKind::datetime, false, "TIMESTAMP WITHOUT TIME ZONE", Arguments::none, false},
}};

constexpr std::string_view rowid_declared_type = "INTEGER";
constexpr std::string_view non_rowid_int32_declared_type = "INT";

const Spelling& canonical_spelling(const ColumnType& type) {
  for (const auto& spelling : spellings) {
    if (!spelling.canonical || spelling.kind != type.kind) continue;
    if (type.kind == TypeKind::datetime && spelling.with_timezone != type.with_timezone) continue;
    if (type.kind == TypeKind::uuid && (spelling.arguments == Arguments::exactly_32) != type.uuid_hex) continue;
    return spelling;
  }
  throw std::invalid_argument("type " + format_type(type) +
                              " has no SQLite spelling: lower the schema for SQLite first");
}

// Upper case, runs of whitespace as one space, no space next to parentheses or commas.
std::string canonical_text(std::string_view declared) {
  std::string text;
  bool pending_space = false;
  for (char c : declared) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !text.empty();
      continue;
    }
    bool punctuation = c == '(' || c == ')' || c == ',';
    if (pending_space && !punctuation && text.back() != '(' && text.back() != ',') text += ' ';
    pending_space = false;
    text += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool read_arguments(Arguments arguments, std::optional<std::string_view> text, ColumnType& type) {
  if (!text) return arguments != Arguments::exactly_36 && arguments != Arguments::exactly_32;
  switch (arguments) {
    case Arguments::none:
      return false;
    case Arguments::exactly_36:
      return *text == "36";
    case Arguments::exactly_32:
      if (*text != "32") return false;
      type.uuid_hex = true;
      return true;
    case Arguments::length: {
      auto length = parse_int(*text);
      if (!length || *length <= 0) return false;
      type.max_length = length;
      return true;
    }
    case Arguments::precision_scale: {
      auto comma = text->find(',');
      auto precision = parse_int(text->substr(0, comma));
      if (!precision || *precision <= 0) return false;
      type.precision = precision;
      if (comma == std::string_view::npos) return true;
      auto scale = parse_int(text->substr(comma + 1));
      if (!scale || *scale < 0 || *scale > *precision) return false;
      type.scale = scale;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string sqlite_declared_type(const ColumnType& type) {
  if (type.sqlite_type) return *type.sqlite_type;
  const Spelling& spelling = canonical_spelling(type);
  std::string declared(spelling.declared);
  switch (spelling.arguments) {
    case Arguments::none:
      break;
    case Arguments::exactly_36:
      declared += "(36)";
      break;
    case Arguments::exactly_32:
      declared += "(32)";
      break;
    case Arguments::length:
      if (type.max_length) declared += "(" + std::to_string(*type.max_length) + ")";
      break;
    case Arguments::precision_scale:
      if (type.precision) {
        declared += "(" + std::to_string(*type.precision);
        if (type.scale) declared += "," + std::to_string(*type.scale);
        declared += ")";
      }
      break;
  }
  return declared;
}

std::string sqlite_declared_type(const Table& table, const Column& column) {
  bool sole_primary_key = table.primary_key && table.primary_key->columns.size() == 1 &&
                          table.primary_key->columns.front() == column.name;
  if (sole_primary_key && column.autoincrement) return std::string(rowid_declared_type);
  if (sole_primary_key && column.type.kind == TypeKind::int32)
    return std::string(non_rowid_int32_declared_type);
  return sqlite_declared_type(column.type);
}

std::optional<ColumnType> parse_sqlite_declared_type(std::string_view declared) {
  std::string text = canonical_text(declared);
  std::string_view name = text;
  std::optional<std::string_view> arguments;
  if (auto open = name.find('('); open != std::string_view::npos) {
    if (!name.ends_with(')')) return std::nullopt;
    arguments = name.substr(open + 1, name.size() - open - 2);
    name = name.substr(0, open);
  }
  for (const auto& spelling : spellings) {
    if (spelling.declared != name) continue;
    ColumnType type;
    type.kind = spelling.kind;
    type.with_timezone = spelling.with_timezone;
    // CHAR(36) and CHAR(32) share the name: the next entry may take the arguments.
    if (!read_arguments(spelling.arguments, arguments, type)) continue;
    return type;
  }
  return std::nullopt;
}

bool is_sqlite_rowid_alias(std::string_view declared, bool sole_primary_key_column) {
  return sole_primary_key_column && canonical_text(declared) == rowid_declared_type;
}

}  // namespace sqlmodel::schema
