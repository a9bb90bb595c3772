#include "sqlmodel/schema.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace sqlmodel::schema {
namespace {

template <typename Enum>
struct Spelling {
  Enum value;
  std::string_view text;
};

constexpr std::array<Spelling<TypeKind>, 19> type_kind_spellings{{
    {TypeKind::int16, "int16"},       {TypeKind::int32, "int32"},
    {TypeKind::int64, "int64"},       {TypeKind::boolean, "boolean"},
    {TypeKind::float32, "float32"},   {TypeKind::float64, "float64"},
    {TypeKind::string, "string"},     {TypeKind::blob, "blob"},
    {TypeKind::date, "date"},         {TypeKind::datetime, "datetime"},
    {TypeKind::uuid, "uuid"},         {TypeKind::json, "json"},
    {TypeKind::numeric, "numeric"},   {TypeKind::enumeration, "enum"},
    {TypeKind::array, "array"},       {TypeKind::text, "text"},
    {TypeKind::jsonb, "jsonb"},       {TypeKind::interval, "interval"},
    {TypeKind::custom, "custom"},
}};

constexpr std::array<Spelling<ReferentialAction>, 5> action_spellings{{
    {ReferentialAction::no_action, "no_action"},
    {ReferentialAction::restrict, "restrict"},
    {ReferentialAction::cascade, "cascade"},
    {ReferentialAction::set_null, "set_null"},
    {ReferentialAction::set_default, "set_default"},
}};

constexpr std::array<Spelling<RelationshipKind>, 4> relationship_spellings{{
    {RelationshipKind::one_to_many, "one_to_many"},
    {RelationshipKind::many_to_one, "many_to_one"},
    {RelationshipKind::one_to_one, "one_to_one"},
    {RelationshipKind::many_to_many, "many_to_many"},
}};

template <typename Enum, std::size_t N>
std::string_view spell(const std::array<Spelling<Enum>, N>& table, Enum value) {
  for (const auto& entry : table)
    if (entry.value == value) return entry.text;
  return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> unspell(const std::array<Spelling<Enum>, N>& table, std::string_view text) {
  for (const auto& entry : table)
    if (entry.text == text) return entry.value;
  return std::nullopt;
}

template <typename Named>
void sort_by_name(std::vector<Named>& items) {
  std::sort(items.begin(), items.end(),
            [](const Named& a, const Named& b) { return a.name < b.name; });
}

template <typename Named>
auto find_named(Named* first, Named* last, std::string_view name) -> Named* {
  auto it = std::find_if(first, last, [&](const Named& item) { return item.name == name; });
  return it == last ? nullptr : it;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Splits "name(args)" into name and args; a spelling without parentheses has no args.
bool split_call(std::string_view text, std::string_view& name, std::optional<std::string_view>& args) {
  auto open = text.find('(');
  if (open == std::string_view::npos) {
    name = text;
    args.reset();
    return true;
  }
  if (text.back() != ')') return false;
  name = text.substr(0, open);
  args = text.substr(open + 1, text.size() - open - 2);
  return true;
}

std::optional<ColumnType> parse_scalar_type(std::string_view text) {
  std::string_view name;
  std::optional<std::string_view> args;
  if (!split_call(text, name, args)) return std::nullopt;
  ColumnType type;
  if (name == "datetime_tz" && !args) {
    type.kind = TypeKind::datetime;
    type.with_timezone = true;
    return type;
  }
  if (name == "uuid_hex" && !args) {
    type.kind = TypeKind::uuid;
    type.uuid_hex = true;
    return type;
  }
  auto kind = type_kind_from_string(name);
  if (!kind || *kind == TypeKind::array || *kind == TypeKind::custom) return std::nullopt;
  type.kind = *kind;
  if (!args) return type.kind == TypeKind::enumeration ? std::nullopt : std::optional(type);
  switch (type.kind) {
    case TypeKind::string: {
      auto length = parse_int(*args);
      if (!length || *length <= 0) return std::nullopt;
      type.max_length = length;
      return type;
    }
    case TypeKind::numeric: {
      auto comma = args->find(',');
      auto precision = parse_int(args->substr(0, comma));
      if (!precision || *precision <= 0) return std::nullopt;
      type.precision = precision;
      if (comma != std::string_view::npos) {
        auto scale = parse_int(args->substr(comma + 1));
        if (!scale || *scale < 0 || *scale > *precision) return std::nullopt;
        type.scale = scale;
      }
      return type;
    }
    case TypeKind::enumeration:
      if (args->empty()) return std::nullopt;
      type.enum_name = std::string(*args);
      return type;
    default:
      return std::nullopt;
  }
}

std::string format_scalar(const ColumnType& type, TypeKind kind) {
  switch (kind) {
    case TypeKind::string:
      return type.max_length ? "string(" + std::to_string(*type.max_length) + ")" : "string";
    case TypeKind::datetime:
      return type.with_timezone ? "datetime_tz" : "datetime";
    case TypeKind::uuid:
      return type.uuid_hex ? "uuid_hex" : "uuid";
    case TypeKind::numeric: {
      if (!type.precision) return "numeric";
      std::string text = "numeric(" + std::to_string(*type.precision);
      if (type.scale) text += "," + std::to_string(*type.scale);
      return text + ")";
    }
    case TypeKind::enumeration:
      return "enum(" + type.enum_name + ")";
    default:
      return std::string(to_string(kind));
  }
}

constexpr std::string_view dialect_separator = "; ";
constexpr std::string_view postgresql_label = "postgresql: ";
constexpr std::string_view sqlite_label = "sqlite: ";

// A dialect spelling is carried verbatim, but it must survive the "; " separated form: no
// semicolon, no line break, nothing but spaces around it.
bool is_valid_dialect_spelling(std::string_view spelling) {
  if (spelling.empty() || spelling.front() == ' ' || spelling.back() == ' ') return false;
  return spelling.find_first_of(";\n\r\t") == std::string_view::npos;
}

std::optional<ColumnType> parse_neutral_type(std::string_view text) {
  constexpr std::string_view array_prefix = "array(";
  if (text.starts_with(array_prefix) && text.ends_with(")")) {
    auto element = parse_scalar_type(text.substr(array_prefix.size(),
                                                 text.size() - array_prefix.size() - 1));
    if (!element) return std::nullopt;
    element->element_kind = element->kind;
    element->kind = TypeKind::array;
    return element;
  }
  return parse_scalar_type(text);
}

}  // namespace

const std::optional<std::string>& Column::server_default_on(Dialect dialect) const {
  const std::optional<std::string>& own =
      dialect == Dialect::postgresql ? postgresql_server_default : sqlite_server_default;
  return own ? own : server_default;
}

std::array<Column::NamedServerDefault, 3> Column::named_server_defaults() const {
  return {{{"server_default", server_default},
           {"postgresql_server_default", postgresql_server_default},
           {"sqlite_server_default", sqlite_server_default}}};
}

bool Column::has_server_default() const {
  return server_default || postgresql_server_default || sqlite_server_default;
}

bool Column::has_server_default_on_every_dialect() const {
  return server_default_on(Dialect::postgresql) && server_default_on(Dialect::sqlite);
}

const Column* Table::find_column(std::string_view column_name) const {
  return find_named(columns.data(), columns.data() + columns.size(), column_name);
}
Column* Table::find_column(std::string_view column_name) {
  return find_named(columns.data(), columns.data() + columns.size(), column_name);
}
const Table* Schema::find_table(std::string_view table_name) const {
  return find_named(tables.data(), tables.data() + tables.size(), table_name);
}
Table* Schema::find_table(std::string_view table_name) {
  return find_named(tables.data(), tables.data() + tables.size(), table_name);
}
const EnumType* Schema::find_enum(std::string_view enum_name) const {
  return find_named(enums.data(), enums.data() + enums.size(), enum_name);
}

void sort_canonically(Schema& schema) {
  sort_by_name(schema.tables);
  sort_by_name(schema.enums);
  for (auto& table : schema.tables) {
    sort_by_name(table.foreign_keys);
    sort_by_name(table.unique_constraints);
    sort_by_name(table.check_constraints);
    sort_by_name(table.indexes);
    sort_by_name(table.relationships);
    if (auto& inheritance = table.single_table_inheritance)
      std::sort(inheritance->models.begin(), inheritance->models.end(),
                [](const PolymorphicModel& a, const PolymorphicModel& b) { return a.identity < b.identity; });
  }
}

std::string_view to_string(TypeKind kind) { return spell(type_kind_spellings, kind); }
std::optional<TypeKind> type_kind_from_string(std::string_view text) {
  return unspell(type_kind_spellings, text);
}
std::string_view to_string(ReferentialAction action) { return spell(action_spellings, action); }
std::optional<ReferentialAction> referential_action_from_string(std::string_view text) {
  return unspell(action_spellings, text);
}
std::string_view to_string(RelationshipKind kind) { return spell(relationship_spellings, kind); }
std::optional<RelationshipKind> relationship_kind_from_string(std::string_view text) {
  return unspell(relationship_spellings, text);
}

bool is_dialect_spelling(std::string_view spelling) { return is_valid_dialect_spelling(spelling); }

std::string format_type(const ColumnType& type) {
  std::string text = type.kind == TypeKind::array
                         ? "array(" + format_scalar(type, type.element_kind.value_or(TypeKind::string)) + ")"
                         : format_scalar(type, type.kind);
  if (type.postgresql_type)
    text += std::string(dialect_separator) + std::string(postgresql_label) + *type.postgresql_type;
  if (type.sqlite_type) text += std::string(dialect_separator) + std::string(sqlite_label) + *type.sqlite_type;
  return text;
}

std::optional<ColumnType> parse_type(std::string_view text) {
  std::string_view neutral = text.substr(0, text.find(dialect_separator));
  std::optional<ColumnType> type;
  if (neutral == to_string(TypeKind::custom)) {
    type.emplace();
    type->kind = TypeKind::custom;
  } else {
    type = parse_neutral_type(neutral);
  }
  if (!type) return std::nullopt;
  std::string_view rest = text.substr(neutral.size());
  while (!rest.empty()) {
    rest.remove_prefix(dialect_separator.size());
    std::string_view part = rest.substr(0, rest.find(dialect_separator));
    rest.remove_prefix(part.size());
    std::optional<std::string>* target = nullptr;
    std::string_view spelling;
    if (part.starts_with(postgresql_label)) {
      target = &type->postgresql_type;
      spelling = part.substr(postgresql_label.size());
    } else if (part.starts_with(sqlite_label)) {
      target = &type->sqlite_type;
      spelling = part.substr(sqlite_label.size());
    }
    if (!target || target->has_value() || !is_valid_dialect_spelling(spelling)) return std::nullopt;
    *target = std::string(spelling);
  }
  if (type->kind == TypeKind::custom && !type->postgresql_type && !type->sqlite_type) return std::nullopt;
  return type;
}

std::vector<std::string> source_files(const Schema& schema) {
  std::vector<std::string> files;
  auto add = [&](const SourceLocation& source) {
    if (!source.file.empty() && std::find(files.begin(), files.end(), source.file) == files.end())
      files.push_back(source.file);
  };
  for (const EnumType& type : schema.enums) add(type.source);
  for (const Table& table : schema.tables) {
    add(table.source);
    for (const Column& column : table.columns) add(column.source);
    for (const ForeignKey& key : table.foreign_keys) add(key.source);
    for (const UniqueConstraint& constraint : table.unique_constraints) add(constraint.source);
    for (const CheckConstraint& constraint : table.check_constraints) add(constraint.source);
    for (const Index& index : table.indexes) add(index.source);
    for (const Relationship& relationship : table.relationships) add(relationship.source);
    if (table.single_table_inheritance)
      for (const PolymorphicModel& model : table.single_table_inheritance->models) add(model.source);
  }
  return files;
}

std::string format_source(const SourceLocation& source) {
  if (source.empty()) return {};
  return source.file + ":" + std::to_string(source.line) + ":" + std::to_string(source.column);
}

std::optional<SourceLocation> parse_source(std::string_view text) {
  // Split from the right: the file part may itself hold colons.
  auto last = text.rfind(':');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  auto middle = text.rfind(':', last - 1);
  if (middle == std::string_view::npos || middle == 0) return std::nullopt;
  auto line = parse_int(text.substr(middle + 1, last - middle - 1));
  auto column = parse_int(text.substr(last + 1));
  if (!line || !column || *line < 0 || *column < 0) return std::nullopt;
  return SourceLocation{std::string(text.substr(0, middle)), *line, *column};
}

}  // namespace sqlmodel::schema
