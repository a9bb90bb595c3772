#include "schema/postgres_types.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>
#include <vector>

#include "sqlmodel/dialect.hpp"

namespace sqlmodel::schema {
namespace {

struct Spelling {
  std::string_view name;  // lower case, single spaces
  TypeKind kind;
  bool with_timezone = false;
};

// Every spelling read; the first one of a kind (and time zone) is format_type()'s.
constexpr std::array<Spelling, 28> spellings{{
    {"smallint", TypeKind::int16},
    {"int2", TypeKind::int16},
    {"integer", TypeKind::int32},
    {"int", TypeKind::int32},
    {"int4", TypeKind::int32},
    {"bigint", TypeKind::int64},
    {"int8", TypeKind::int64},
    {"boolean", TypeKind::boolean},
    {"bool", TypeKind::boolean},
    {"real", TypeKind::float32},
    {"float4", TypeKind::float32},
    {"double precision", TypeKind::float64},
    {"float8", TypeKind::float64},
    {"character varying", TypeKind::string},
    {"varchar", TypeKind::string},
    {"text", TypeKind::text},
    {"bytea", TypeKind::blob},
    {"date", TypeKind::date},
    {"timestamp without time zone", TypeKind::datetime},
    {"timestamp", TypeKind::datetime},
    {"timestamp with time zone", TypeKind::datetime, true},
    {"timestamptz", TypeKind::datetime, true},
    {"interval", TypeKind::interval},
    {"uuid", TypeKind::uuid},
    {"json", TypeKind::json},
    {"jsonb", TypeKind::jsonb},
    {"numeric", TypeKind::numeric},
    {"decimal", TypeKind::numeric},
}};

std::string lower_ascii(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

// Runs of whitespace as one space, none inside parentheses or next to them.
std::string fold_spaces(std::string_view text) {
  std::string folded;
  int depth = 0;
  bool pending_space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !folded.empty();
      continue;
    }
    if (c == '(') ++depth;
    bool tight = depth > 0 || c == '(' || c == ')' || c == '[' || c == ']' ||
                 (!folded.empty() && (folded.back() == '(' || folded.back() == '['));
    if (pending_space && !tight) folded += ' ';
    pending_space = false;
    folded += c;
    if (c == ')') depth = std::max(0, depth - 1);
  }
  return folded;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::vector<int>> integer_arguments(std::string_view text) {
  std::vector<int> arguments;
  while (true) {
    auto comma = text.find(',');
    auto value = parse_int(text.substr(0, comma));
    if (!value) return std::nullopt;
    arguments.push_back(*value);
    if (comma == std::string_view::npos) return arguments;
    text.remove_prefix(comma + 1);
  }
}

std::string scalar_type(const ColumnType& type, TypeKind kind) {
  switch (kind) {
    case TypeKind::int16: return "SMALLINT";
    case TypeKind::int32: return "INTEGER";
    case TypeKind::int64: return "BIGINT";
    case TypeKind::boolean: return "BOOLEAN";
    case TypeKind::float32: return "REAL";
    case TypeKind::float64: return "DOUBLE PRECISION";
    case TypeKind::string:
      return type.max_length ? "VARCHAR(" + std::to_string(*type.max_length) + ")" : "VARCHAR";
    case TypeKind::text: return "TEXT";
    case TypeKind::blob: return "BYTEA";
    case TypeKind::date: return "DATE";
    case TypeKind::datetime:
      return type.with_timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
    case TypeKind::interval: return "INTERVAL";
    case TypeKind::uuid: return "UUID";
    case TypeKind::json: return "JSON";
    case TypeKind::jsonb: return "JSONB";
    case TypeKind::numeric: {
      if (!type.precision) return "NUMERIC";
      std::string text = "NUMERIC(" + std::to_string(*type.precision);
      if (type.scale) text += "," + std::to_string(*type.scale);
      return text + ")";
    }
    case TypeKind::enumeration:
      if (type.enum_name.empty()) throw std::invalid_argument("enum type without an enum name");
      return quote_identifier(Dialect::postgresql, type.enum_name);
    case TypeKind::custom:
      throw std::invalid_argument("type " + format_type(type) + " has no PostgreSQL spelling");
    case TypeKind::array:
      break;
  }
  throw std::invalid_argument("array of arrays is not a column type: " + format_type(type));
}

}  // namespace

std::string postgres_type(const ColumnType& type) {
  if (type.postgresql_type) return *type.postgresql_type;
  if (type.kind != TypeKind::array) return scalar_type(type, type.kind);
  if (!type.element_kind) throw std::invalid_argument("array type without an element kind");
  return scalar_type(type, *type.element_kind) + "[]";
}

std::optional<ColumnType> parse_postgres_type(std::string_view spelling, const std::string& enum_name) {
  ColumnType type;
  if (!enum_name.empty()) {
    type.kind = TypeKind::enumeration;
    type.enum_name = enum_name;
    return type;
  }
  std::string text = lower_ascii(fold_spaces(spelling));
  std::string_view name = text;
  std::optional<std::vector<int>> arguments;
  if (auto open = name.find('('); open != std::string_view::npos) {
    if (!name.ends_with(")")) return std::nullopt;
    arguments = integer_arguments(name.substr(open + 1, name.size() - open - 2));
    if (!arguments) return std::nullopt;
    name = name.substr(0, open);
  }
  for (const Spelling& candidate : spellings) {
    if (candidate.name != name) continue;
    type.kind = candidate.kind;
    type.with_timezone = candidate.with_timezone;
    if (!arguments) return type;
    if (type.kind == TypeKind::string && arguments->size() == 1 && (*arguments)[0] > 0) {
      type.max_length = (*arguments)[0];
      return type;
    }
    if (type.kind == TypeKind::numeric && !arguments->empty() && arguments->size() <= 2 &&
        (*arguments)[0] > 0) {
      type.precision = (*arguments)[0];
      // format_type() always prints the scale; NUMERIC(p) means NUMERIC(p,0).
      type.scale = arguments->size() == 2 ? (*arguments)[1] : 0;
      if (*type.scale < 0 || *type.scale > *type.precision) return std::nullopt;
      return type;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::string canonical_postgres_spelling(std::string_view spelling) {
  std::string text = fold_spaces(spelling);
  std::size_t name_end = text.find('(');
  if (name_end == std::string::npos) name_end = text.find('[');
  if (name_end == std::string::npos) name_end = text.size();
  // A quoted name keeps its case, as PostgreSQL does.
  if (text.find('"') < name_end) return text;
  for (std::size_t i = 0; i < name_end; ++i)
    text[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  return text;
}

}  // namespace sqlmodel::schema
