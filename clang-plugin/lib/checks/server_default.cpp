#include <charconv>
#include <set>

#include "checks.hpp"
#include "sqlmodel/dialect.hpp"
#include "schema/sql_expression.hpp"

namespace sqlmodel::plugin {
namespace {

using Literal = schema::SqlExpressionOutline::Literal;

std::string lowercase(llvm::StringRef text) { return text.lower(); }

bool is_integer_text(llvm::StringRef text) {
  text = text.trim();
  if (text.starts_with("-") || text.starts_with("+")) text = text.drop_front();
  return !text.empty() && text.find_first_not_of("0123456789") == llvm::StringRef::npos;
}

bool is_number_text(llvm::StringRef text) {
  text = text.trim();
  std::string word = lowercase(text);
  // PostgreSQL's float and numeric input also read these.
  if (word == "nan" || word == "infinity" || word == "-infinity" || word == "+infinity") return true;
  if (text.starts_with("-") || text.starts_with("+")) text = text.drop_front();
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

// The integer range of a column type; nullopt for the 64-bit one, which from_chars checks.
std::optional<std::pair<long long, long long>> integer_range(schema::TypeKind kind) {
  if (kind == schema::TypeKind::int16) return std::pair{-32768LL, 32767LL};
  if (kind == schema::TypeKind::int32) return std::pair{-2147483648LL, 2147483647LL};
  return std::nullopt;
}

bool fits_integer(llvm::StringRef text, schema::TypeKind kind) {
  text = text.trim();
  if (text.starts_with("+")) text = text.drop_front();
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return false;
  auto range = integer_range(kind);
  return !range || (value >= range->first && value <= range->second);
}

// PostgreSQL's boolean input (SQLite stores whatever it is given).
bool is_boolean_text(llvm::StringRef text) {
  static const std::set<std::string, std::less<>> spellings{"t", "true", "y", "yes", "on", "1",
                                                            "f", "false", "n", "no", "off", "0"};
  return spellings.contains(lowercase(text.trim()));
}

bool is_uuid_text(llvm::StringRef text) {
  std::string digits;
  for (char c : text.trim())
    if (c != '-' && c != '{' && c != '}') digits += c;
  return digits.size() == 32 && llvm::StringRef(digits).find_first_not_of("0123456789abcdefABCDEF") == llvm::StringRef::npos;
}

std::size_t code_points(llvm::StringRef text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

const char* type_phrase(schema::TypeKind kind) {
  switch (kind) {
    case schema::TypeKind::int16: return "a 16-bit integer column";
    case schema::TypeKind::int32: return "a 32-bit integer column";
    case schema::TypeKind::int64: return "a 64-bit integer column";
    case schema::TypeKind::boolean: return "a boolean column";
    case schema::TypeKind::float32:
    case schema::TypeKind::float64: return "a floating-point column";
    case schema::TypeKind::numeric: return "a numeric column";
    case schema::TypeKind::string: return "a string column";
    case schema::TypeKind::blob: return "a bytes column";
    case schema::TypeKind::date: return "a date column";
    case schema::TypeKind::datetime: return "a timestamp column";
    case schema::TypeKind::uuid: return "a UUID column";
    case schema::TypeKind::json: return "a JSON column";
    case schema::TypeKind::enumeration: return "an enum column";
    case schema::TypeKind::array: return "an array column";
    case schema::TypeKind::text: return "a text column";
    case schema::TypeKind::jsonb: return "a JSONB column";
    case schema::TypeKind::interval: return "an interval column";
    case schema::TypeKind::custom: return "a column of a custom SQL type";
  }
  return "this column";
}

struct Misfit {
  std::string reason;
  std::optional<std::string> replacement;  // the SQL to write instead, when it is certain
};

// Why the literal a server default is cannot be stored in the column, or nullopt. Only what
// both dialects' rules make certain: PostgreSQL refuses these at CREATE TABLE or on the first
// row that takes the default; SQLite would store a value of the wrong type.
std::optional<Misfit> literal_misfit(const schema::SqlExpressionOutline& outline, const schema::Column& column) {
  const schema::TypeKind kind = column.type.kind;
  const std::string& text = outline.literal_text;
  const bool integer = kind == schema::TypeKind::int16 || kind == schema::TypeKind::int32 || kind == schema::TypeKind::int64;
  const bool fractional = kind == schema::TypeKind::float32 || kind == schema::TypeKind::float64 || kind == schema::TypeKind::numeric;
  const bool temporal = kind == schema::TypeKind::date || kind == schema::TypeKind::datetime ||
                        kind == schema::TypeKind::interval;
  const bool json = kind == schema::TypeKind::json || kind == schema::TypeKind::jsonb;
  std::string column_phrase = type_phrase(kind);
  // A type spelled by the project (.postgresql_type = "citext", "inet"): its literal rules are
  // the database's, which the plugin does not know.
  if (column.type.postgresql_type || column.type.sqlite_type) return std::nullopt;
  switch (outline.literal) {
    case Literal::none:
      return std::nullopt;
    case Literal::null:
      if (column.nullable) return std::nullopt;
      return Misfit{"is NULL on a NOT NULL column: every row that relies on the default fails", std::nullopt};
    case Literal::boolean:
      if (integer || fractional || temporal || kind == schema::TypeKind::uuid || kind == schema::TypeKind::blob || json) {
        std::optional<std::string> replacement;
        if (integer) replacement = lowercase(text) == "true" ? "1" : "0";
        return Misfit{"is a boolean, which " + column_phrase + " cannot hold", replacement};
      }
      return std::nullopt;
    case Literal::number:
      if (integer) {
        if (!is_integer_text(text)) return Misfit{"is not a whole number, which " + column_phrase + " needs", std::nullopt};
        if (!fits_integer(text, kind)) return Misfit{"is out of the range of " + column_phrase, std::nullopt};
        return std::nullopt;
      }
      if (kind == schema::TypeKind::boolean) {
        std::optional<std::string> replacement;
        if (text == "0") replacement = "false";
        if (text == "1") replacement = "true";
        return Misfit{"is a number, which a boolean column cannot hold (PostgreSQL has no implicit cast)", replacement};
      }
      if (temporal || kind == schema::TypeKind::uuid || kind == schema::TypeKind::blob || json)
        return Misfit{"is a number, which " + column_phrase + " cannot hold", std::nullopt};
      return std::nullopt;
    case Literal::string:
      if (integer && !is_integer_text(text))
        return Misfit{"is a string, which " + column_phrase + " cannot hold", std::nullopt};
      if (integer && !fits_integer(text, kind))
        return Misfit{"is out of the range of " + column_phrase, std::nullopt};
      if (fractional && !is_number_text(text))
        return Misfit{"is a string, which " + column_phrase + " cannot hold", std::nullopt};
      if (kind == schema::TypeKind::boolean && !is_boolean_text(text))
        return Misfit{"is not a boolean (true, false, 't', 'f', 'yes', 'no', 'on', 'off', '1', '0')", std::nullopt};
      if (kind == schema::TypeKind::uuid && !is_uuid_text(text))
        return Misfit{"is not a UUID", std::nullopt};
      if (kind == schema::TypeKind::string && column.type.max_length &&
          code_points(text) > static_cast<std::size_t>(*column.type.max_length))
        return Misfit{"is " + std::to_string(code_points(text)) + " characters long, longer than the column's .max_length of " +
                          std::to_string(*column.type.max_length),
                      std::nullopt};
      return std::nullopt;
  }
  return std::nullopt;
}

std::vector<std::string> enumerator_names(const clang::EnumDecl* decl) {
  std::vector<std::string> names;
  if (decl)
    for (const clang::EnumConstantDecl* enumerator : decl->enumerators()) names.push_back(enumerator->getName().str());
  return names;
}

// One of the field's server defaults, given by `option`: the same rules for the shared one and
// for each dialect's own.
void check_one_server_default(const CheckContext& context, const TableModel& table, const FieldModel& field,
                              const std::string& option, const std::string& sql) {
  const std::string column = quoted(table.name + "." + field.column.name);
  const std::string subject = "." + option + " " + quoted(sql) + " of column " + column;
  const clang::SourceLocation location = field.option_location(option);
  schema::SqlExpressionOutline outline = schema::outline_sql_expression(sql);
  if (llvm::StringRef(sql).trim().empty()) {
    context.reporter.report(Check::server_default, location,
                            subject + " is empty: leave ." + option + " out for no DEFAULT");
    return;
  }
  if (outline.lexical_error) {
    context.reporter.report(Check::server_default, location,
                            subject + " is not SQL: " + outline.lexical_error->what + " at offset " +
                                std::to_string(outline.lexical_error->offset));
    return;
  }
  if (!outline.column_references.empty()) {
    const auto& name = outline.column_references.front();
    llvm::StringRef whole = llvm::StringRef(sql).trim();
    bool bare_word = outline.column_references.size() == 1 &&
                     (whole == name.text || whole == "\"" + name.text + "\"");
    if (bare_word) {
      // The one name is all there is: a value that lost its quotes. On an enum column, the
      // enumerator it is closest to.
      std::string value = name.text;
      std::vector<std::string> enumerators =
          field.type.type.kind == schema::TypeKind::enumeration ? enumerator_names(field.type.enum_decl)
                                                                 : std::vector<std::string>{};
      if (!enumerators.empty() && std::find(enumerators.begin(), enumerators.end(), value) == enumerators.end())
        if (std::optional<std::string> guess = closest_name(value, enumerators)) value = *guess;
      std::string replacement = schema::quote_literal(value);
      auto diagnostic = context.reporter.report(
          Check::server_default, location,
          subject + " is the bare word " + quoted(name.text) +
              ", which is no SQL keyword or function: the database reads it as a column name, and a "
              "DEFAULT cannot read a column; did you mean the string " + replacement + "?");
      attach(diagnostic, replace_option_value(field.options, option, schema::cpp_string_literal(replacement)));
    } else {
      context.reporter.report(Check::server_default, location,
                              subject + " names " + quoted(name.text) +
                                  ", which is no SQL keyword or function: the database reads it as a column "
                                  "name, and a DEFAULT cannot read a column (quote a string value)");
    }
    return;
  }
  // Enum columns: enum-default judges their literals against the enumerators.
  if (field.type.type.kind == schema::TypeKind::enumeration && outline.literal != Literal::null) return;
  if (std::optional<Misfit> misfit = literal_misfit(outline, field.column)) {
    auto diagnostic = context.reporter.report(Check::server_default, location, subject + " " + misfit->reason);
    if (misfit->replacement)
      attach(diagnostic, replace_option_value(field.options, option, schema::cpp_string_literal(*misfit->replacement)));
  }
}

}  // namespace

// A server default is SQL the database evaluates for each new row: it must read as SQL, it
// cannot name a column (`.server_default = "draft"` is the column draft to a database, which
// refuses it in a DEFAULT), and a literal must be a value of the column's type. Caught here,
// not at CREATE TABLE or at the first INSERT that relies on it. Expressions the parser does
// not know are server-default-syntax's warning, never an error here. A dialect's own default
// (.postgresql_server_default, .sqlite_server_default) is held to the same rules, reported at its
// own option. A field declared once in a mixin is reported once.
void check_server_default(const CheckContext& context) {
  std::set<const clang::FieldDecl*> reported;
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.column.has_server_default()) continue;
      if (field.decl && !reported.insert(field.decl).second) continue;
      for (const auto& [option, sql] : field.column.named_server_defaults())
        if (sql) check_one_server_default(context, table, field, std::string(option), *sql);
    }
  }
}

}  // namespace sqlmodel::plugin
