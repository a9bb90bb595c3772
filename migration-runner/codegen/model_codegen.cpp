#include "codegen/model_codegen.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "schema/cpp_string_literal.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/postgres_types.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::codegen {
namespace {

using schema::Column;
using schema::ColumnType;
using schema::Dialect;
using schema::ForeignKey;
using schema::Table;
using schema::TypeKind;

bool is_keyword(std::string_view word) {
  static const std::set<std::string, std::less<>> keywords{
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
      "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const",
      "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return",
      "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
      "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
      "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
      "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires", "return",
      "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
      "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
      "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // Names the generated code itself uses, and a reserved-looking start.
      "std", "sqlmodel", "nlohmann"};
  return keywords.count(word) != 0;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  // Reserved: a double underscore anywhere, or an underscore and a capital at the start.
  if (name.find("__") != std::string_view::npos) return false;
  if (name.size() > 1 && name[0] == '_' && std::isupper(static_cast<unsigned char>(name[1]))) return false;
  return !is_keyword(name);
}

std::string without_id_suffix(const std::string& column) {
  for (std::string_view suffix : {"_id", "Id", "_ID"})
    if (column.size() > suffix.size() && column.ends_with(suffix))
      return column.substr(0, column.size() - suffix.size());
  return column;
}

std::string singular(std::string word) {
  std::string lower = schema::lower_ascii(word);
  auto replace_end = [&](std::size_t drop, std::string_view add) {
    word = word.substr(0, word.size() - drop) + std::string(add);
  };
  if (lower.ends_with("people")) replace_end(6, word.substr(word.size() - 6, 1) == "P" ? "Person" : "person");
  else if (lower.ends_with("ies") && lower.size() > 3) replace_end(3, "y");
  else if (lower.ends_with("sses") || lower.ends_with("xes") || lower.ends_with("ches") || lower.ends_with("shes"))
    replace_end(2, "");
  else if (lower.ends_with("ss") || lower.ends_with("us") || lower.ends_with("is")) {
  } else if (lower.ends_with("s") && lower.size() > 1) replace_end(1, "");
  return word;
}

// ---- types ---------------------------------------------------------------------------------

struct CppType {
  std::string type;                  // without std::optional
  std::vector<std::string> options;  // .max_length = 20, .sql_type = "text", ...
};

struct Includes {
  bool chrono = false, json = false, bytes = false, vector = false;
};

bool is_indexed(const Table& table, const std::string& column) {
  auto names = [&](const std::vector<std::string>& columns) {
    return std::find(columns.begin(), columns.end(), column) != columns.end();
  };
  return std::any_of(table.indexes.begin(), table.indexes.end(), [&](const auto& index) { return names(index.columns); }) ||
         std::any_of(table.unique_constraints.begin(), table.unique_constraints.end(),
                     [&](const auto& unique) { return names(unique.columns); });
}

std::string integer_type(TypeKind kind) {
  switch (kind) {
    case TypeKind::int16: return "std::int16_t";
    case TypeKind::int32: return "std::int32_t";
    default: return "std::int64_t";
  }
}

class Generator {
 public:
  Generator(const schema::Schema& schema, const std::vector<schema::IntrospectionGap>& gaps,
            const CodegenOptions& options)
      : schema_(schema), gaps_(gaps), options_(options) {}

  GeneratedModels run();

 private:
  struct EnumPlan {
    std::string cpp_name;              // the C++ enum's name; lowercased, the schema's
    std::vector<std::string> values;
    bool expressible = true;
  };
  struct ColumnPlan {
    const Column* column = nullptr;
    std::string member;
    std::string type;  // with std::optional when needed
    std::vector<std::string> options;
    std::vector<std::string> comments;
  };
  struct RelationshipPlan {
    std::string member;
    std::string type;
    std::vector<std::string> options;
    std::string back_populates_key;  // set once both sides are named
  };
  struct TablePlan {
    const Table* table = nullptr;
    std::string struct_name;
    bool expressible = true;
    std::vector<std::string> table_options;
    std::vector<std::string> annotations;  // SQLMODEL_INDEX / UNIQUE / CHECK lines
    std::vector<ColumnPlan> columns;
    std::vector<RelationshipPlan> relationships;
    std::vector<std::string> comments;     // above the struct
    std::vector<std::string> member_comments;  // at the end of the struct
    std::set<std::string> member_names;
    std::set<std::string> omitted_foreign_keys;
    std::map<std::string, std::string> sqlite_enum_columns;  // column -> enum plan key
  };

  void note(TablePlan& plan, const std::string& text, bool in_struct = true) {
    (in_struct ? plan.member_comments : plan.comments).push_back(text);
    notes_.push_back("table " + schema::cpp_string_literal(plan.table->name) + ": " + text);
  }

  std::string unique_member(TablePlan& plan, std::string wanted) {
    if (!is_identifier(wanted)) wanted = cpp_identifier(wanted);
    std::string candidate = wanted;
    for (int n = 2; plan.member_names.count(candidate) || candidate == plan.struct_name; ++n)
      candidate = wanted + "_" + std::to_string(n);
    plan.member_names.insert(candidate);
    return candidate;
  }

  // `type` with each of the models' own names that a member of the struct also has qualified:
  // a member "priority" of enum type "priority" would otherwise change the name's meaning in
  // the struct (GCC refuses that).
  std::string qualified_where_hidden(const TablePlan& plan, const std::string& type) const {
    std::string result;
    for (std::size_t i = 0; i < type.size();) {
      if (!(std::isalpha(static_cast<unsigned char>(type[i])) || type[i] == '_')) {
        result += type[i++];
        continue;
      }
      std::size_t end = i;
      while (end < type.size() && (std::isalnum(static_cast<unsigned char>(type[end])) || type[end] == '_')) ++end;
      const std::string word = type.substr(i, end - i);
      const bool after_scope = i >= 2 && type.compare(i - 2, 2, "::") == 0;
      if (!after_scope && plan.member_names.count(word) && own_type_names_.count(word))
        result += (options_.namespace_name.empty() ? "::" : "::" + options_.namespace_name + "::") + word;
      else
        result += word;
      i = end;
    }
    return result;
  }

  void plan_enums();
  void plan_sqlite_enum_checks(TablePlan& plan);
  void plan_table(TablePlan& plan);
  std::optional<CppType> map_type(TablePlan& plan, const Column& column);
  std::optional<std::string> scalar_cpp(TablePlan& plan, const Column& column, const ColumnType& type,
                                        TypeKind kind, std::vector<std::string>& options);
  void plan_keys(TablePlan& plan);
  void plan_constraints(TablePlan& plan);
  void plan_relationships();
  std::string write();
  std::string write_table(const TablePlan& plan);

  const schema::Schema& schema_;
  const std::vector<schema::IntrospectionGap>& gaps_;
  const CodegenOptions& options_;
  std::vector<std::string> notes_;
  std::map<std::string, EnumPlan> enums_;  // by schema enum name ("sqlite:<table>.<column>" on SQLite)
  std::vector<TablePlan> tables_;
  std::set<std::string> own_type_names_;  // the structs' and enums' names
  Includes includes_;
};

std::optional<std::string> Generator::scalar_cpp(TablePlan& plan, const Column& column, const ColumnType& type,
                                                 TypeKind kind, std::vector<std::string>& options) {
  switch (kind) {
    case TypeKind::int16:
    case TypeKind::int32:
    case TypeKind::int64: return integer_type(kind);
    case TypeKind::boolean: return "bool";
    case TypeKind::float32: return "float";
    case TypeKind::float64: return "double";
    case TypeKind::string:
      if (type.max_length) options.push_back(".max_length = " + std::to_string(*type.max_length));
      return "std::string";
    case TypeKind::text:
      options.push_back(".sql_type = \"text\"");
      return "std::string";
    case TypeKind::blob:
      includes_.bytes = includes_.vector = true;
      return "std::vector<std::byte>";
    case TypeKind::date:
      includes_.chrono = true;
      return "std::chrono::year_month_day";
    case TypeKind::datetime:
      includes_.chrono = true;
      if (!type.with_timezone) options.push_back(".timezone = false");
      return "std::chrono::system_clock::time_point";
    case TypeKind::interval:
      includes_.chrono = true;
      return "std::chrono::microseconds";
    case TypeKind::uuid:
      if (type.uuid_hex) options.push_back(".sql_type = \"uuid_hex\"");
      return "sqlmodel::UUID";
    case TypeKind::json:
      includes_.json = true;
      // SQLite has one JSON type; an index on it is jsonb to PostgreSQL (json takes no index),
      // and jsonb lowers back to SQLite's JSON.
      if (options_.dialect == Dialect::sqlite && is_indexed(*plan.table, column.name))
        options.push_back(".sql_type = \"jsonb\"");
      return "nlohmann::json";
    case TypeKind::jsonb:
      includes_.json = true;
      options.push_back(".sql_type = \"jsonb\"");
      return "nlohmann::json";
    case TypeKind::numeric:
      if (type.precision) options.push_back(".precision = " + std::to_string(*type.precision));
      if (type.scale) options.push_back(".scale = " + std::to_string(*type.scale));
      return "sqlmodel::Decimal";
    case TypeKind::enumeration: {
      auto found = enums_.find(type.enum_name);
      if (found == enums_.end() || !found->second.expressible) {
        note(plan, "column " + schema::cpp_string_literal(column.name) + " has enum type " + schema::cpp_string_literal(type.enum_name) +
                       ", which no C++ enum can name (the type's name must be the C++ name "
                       "lowercased, each label a C++ identifier): it is a std::string here and "
                       "`check` will report the type");
        return "std::string";
      }
      return found->second.cpp_name;
    }
    case TypeKind::custom:
    case TypeKind::array:
      break;
  }
  return std::nullopt;
}

std::optional<CppType> Generator::map_type(TablePlan& plan, const Column& column) {
  const ColumnType& type = column.type;
  CppType result;
  if (type.kind == TypeKind::custom) {
    // A type the model has no kind for: a std::string member carrying the spelling.
    if (type.postgresql_type) result.options.push_back(".postgresql_type = " + schema::cpp_string_literal(*type.postgresql_type));
    if (type.sqlite_type) result.options.push_back(".sqlite_type = " + schema::cpp_string_literal(*type.sqlite_type));
    result.type = "std::string";
    return result;
  }
  if (auto enum_column = plan.sqlite_enum_columns.find(column.name); enum_column != plan.sqlite_enum_columns.end()) {
    result.type = enums_.at(enum_column->second).cpp_name;
    return result;
  }
  if (type.kind == TypeKind::array) {
    if (!type.element_kind) return std::nullopt;
    auto element = scalar_cpp(plan, column, type, *type.element_kind, result.options);
    if (!element || *type.element_kind == TypeKind::json || *type.element_kind == TypeKind::jsonb ||
        *type.element_kind == TypeKind::blob) {
      note(plan, "column " + schema::cpp_string_literal(column.name) + " is an array of " +
                     std::string(to_string(type.element_kind.value_or(TypeKind::string))) +
                     ", which no C++ member maps to: left out");
      return std::nullopt;
    }
    includes_.vector = true;
    result.type = "std::vector<" + *element + ">";
    return result;
  }
  auto scalar = scalar_cpp(plan, column, type, type.kind, result.options);
  if (!scalar) return std::nullopt;
  result.type = *scalar;
  return result;
}

void Generator::plan_enums() {
  for (const auto& enumeration : schema_.enums) {
    EnumPlan plan;
    plan.values = enumeration.values;
    plan.cpp_name = enumeration.name;
    plan.expressible = is_identifier(enumeration.name) && schema::lower_ascii(enumeration.name) == enumeration.name &&
                       !plan.values.empty() &&
                       std::all_of(plan.values.begin(), plan.values.end(), is_identifier);
    enums_[enumeration.name] = plan;
  }
}

// SQLite stores an enum as VARCHAR(longest) with a CHECK ck_<table>_<column>_enum listing the
// values (lower.hpp): such a pair is read back as a C++ enum, so the model lowers to it again.
void Generator::plan_sqlite_enum_checks(TablePlan& plan) {
  if (options_.dialect != Dialect::sqlite) return;
  const Table& table = *plan.table;
  for (const auto& check : table.check_constraints) {
    for (const auto& column : table.columns) {
      if (check.name != schema::naming::enum_check(table.name, column.name)) continue;
      if (column.type.kind != TypeKind::string || !column.type.max_length) continue;
      // "col" IN ('a', 'b'): the values between the quotes, in order.
      std::vector<std::string> values;
      const std::string& text = check.expression;
      auto open = text.find('(');
      if (open == std::string::npos) continue;
      bool ok = true;
      for (std::size_t i = open + 1; i < text.size() && ok;) {
        if (text[i] == ' ' || text[i] == ',') {
          ++i;
        } else if (text[i] == '\'') {
          std::string value;
          for (++i; i < text.size(); ++i) {
            if (text[i] == '\'') {
              if (i + 1 < text.size() && text[i + 1] == '\'') {
                value += '\'';
                ++i;
              } else {
                break;
              }
            } else {
              value += text[i];
            }
          }
          ++i;
          values.push_back(value);
        } else if (text[i] == ')') {
          break;
        } else {
          ok = false;
        }
      }
      if (!ok || values.empty() || !std::all_of(values.begin(), values.end(), is_identifier)) continue;
      // What lowering would write for these values must be what the database holds.
      schema::Schema probe;
      Table probe_table;
      probe_table.name = table.name;
      Column probe_column = column;
      probe_column.type = ColumnType{};
      probe_column.type.kind = TypeKind::enumeration;
      probe_column.type.enum_name = "probe";
      probe_table.columns.push_back(probe_column);
      probe.tables.push_back(probe_table);
      probe.enums.push_back({"probe", values, {}});
      schema::Schema lowered = schema::lower_for_dialect(probe, Dialect::sqlite);
      const Table& lowered_table = lowered.tables.front();
      if (lowered_table.columns.front().type != column.type || lowered_table.check_constraints.size() != 1 ||
          schema::normalize_sql_expression(lowered_table.check_constraints.front().expression) !=
              schema::normalize_sql_expression(check.expression))
        continue;
      EnumPlan enum_plan;
      enum_plan.cpp_name = cpp_identifier(struct_name(table.name) + struct_name(column.name));
      enum_plan.values = values;
      const std::string key = "sqlite:" + table.name + "." + column.name;
      enums_[key] = enum_plan;
      plan.sqlite_enum_columns[column.name] = key;
    }
  }
}

void Generator::plan_table(TablePlan& plan) {
  const Table& table = *plan.table;
  for (const auto& gap : gaps_)
    if (gap.table == table.name) note(plan, "left out of the model, the database has it: " + gap.description);
  if (!table.primary_key) {
    plan.expressible = false;
    note(plan,
         "it has no primary key, which every model needs (the ORM finds rows by it): the struct "
         "below is a comment; add a key to the table, or keep it out of the models",
         false);
  }
  // Always named: the struct's name is a guess, the table's is not.
  plan.table_options.push_back(".name = " + schema::cpp_string_literal(table.name));
  if (table.comment) plan.table_options.push_back(".comment = " + schema::cpp_string_literal(*table.comment));
  if (table.primary_key && table.primary_key->name != schema::naming::primary_key(table.name))
    plan.table_options.push_back(".primary_key_name = " + schema::cpp_string_literal(table.primary_key->name));
  if (table.sqlite_autoincrement) plan.table_options.push_back(".sqlite_autoincrement = true");

  plan_sqlite_enum_checks(plan);
  const std::vector<std::string> key = table.primary_key ? table.primary_key->columns : std::vector<std::string>{};
  // The plugin orders a composite key by declaration; a database key in another order cannot
  // be said.
  if (key.size() > 1) {
    std::vector<std::string> declared;
    for (const auto& column : table.columns)
      if (std::find(key.begin(), key.end(), column.name) != key.end()) declared.push_back(column.name);
    if (declared != key)
      note(plan, "its primary key is (" + schema::join(key, ", ") + "), an order the columns do not have; the "
                 "model's key follows the columns' order");
  }

  for (const auto& column : table.columns) {
    ColumnPlan column_plan;
    column_plan.column = &column;
    std::optional<CppType> type = map_type(plan, column);
    if (!type) continue;
    const bool in_key = std::find(key.begin(), key.end(), column.name) != key.end();
    column_plan.member = unique_member(plan, column.name);
    if (column_plan.member != column.name) column_plan.options.push_back(".name = " + schema::cpp_string_literal(column.name));
    if (in_key) column_plan.options.push_back(".primary_key = true");
    // A value the database fills in (a key it assigns, a server default, a generated column) is
    // a std::optional the ORM leaves empty for it to fill; NOT NULL is then said explicitly.
    const bool database_fills = (in_key && column.autoincrement) ||
                                (!in_key && (column.server_default || column.generated));
    const bool optional = column.nullable || database_fills;
    column_plan.type = optional ? "std::optional<" + type->type + ">" : type->type;
    if (optional && !column.nullable && !in_key) column_plan.options.push_back(".nullable = false");
    for (auto& option : type->options) column_plan.options.push_back(std::move(option));
    if (column.server_default) column_plan.options.push_back(".server_default = " + schema::cpp_string_literal(*column.server_default));
    if (column.generated) column_plan.options.push_back(".generated = " + schema::cpp_string_literal(*column.generated));
    if (column.comment) column_plan.options.push_back(".comment = " + schema::cpp_string_literal(*column.comment));
    plan.columns.push_back(std::move(column_plan));
  }
  plan_keys(plan);
  plan_constraints(plan);
}

// autoincrement and foreign keys, which need the whole table's columns.
void Generator::plan_keys(TablePlan& plan) {
  const Table& table = *plan.table;
  const std::vector<std::string> key = table.primary_key ? table.primary_key->columns : std::vector<std::string>{};
  std::map<std::string, const ForeignKey*> single_keys;
  for (const auto& foreign_key : table.foreign_keys) {
    if (foreign_key.columns.size() != 1) {
      plan.omitted_foreign_keys.insert(foreign_key.name);
      note(plan, "foreign key " + schema::cpp_string_literal(foreign_key.name) + " (" + schema::join(foreign_key.columns, ", ") + ") -> " +
                     foreign_key.referred_table + " (" + schema::join(foreign_key.referred_columns, ", ") +
                     ") has several columns, which .foreign_key cannot say: not in the model");
      continue;
    }
    if (single_keys.count(foreign_key.columns.front())) {
      plan.omitted_foreign_keys.insert(foreign_key.name);
      note(plan, "foreign key " + schema::cpp_string_literal(foreign_key.name) + ": a column holds one .foreign_key, and " +
                     schema::cpp_string_literal(foreign_key.columns.front()) + " has another: not in the model");
      continue;
    }
    const Table* referred = schema_.find_table(foreign_key.referred_table);
    const Column* referred_column = referred ? referred->find_column(foreign_key.referred_columns.front()) : nullptr;
    const Column* column = table.find_column(foreign_key.columns.front());
    if (!referred_column || !column) {
      plan.omitted_foreign_keys.insert(foreign_key.name);
      note(plan, "foreign key " + schema::cpp_string_literal(foreign_key.name) + " refers to " + foreign_key.referred_table + "." +
                     foreign_key.referred_columns.front() + ", which is not in the models: not in the model");
      continue;
    }
    ColumnType mine = column->type, theirs = referred_column->type;
    mine.max_length.reset();
    theirs.max_length.reset();
    if (mine != theirs) {
      plan.omitted_foreign_keys.insert(foreign_key.name);
      note(plan, "foreign key " + schema::cpp_string_literal(foreign_key.name) + ": column " + schema::cpp_string_literal(column->name) + " is " +
                     format_type(column->type) + " but " + foreign_key.referred_table + "." + referred_column->name +
                     " is " + format_type(referred_column->type) +
                     ", which the plugin refuses (foreign-key-type): not in the model");
      continue;
    }
    single_keys[foreign_key.columns.front()] = &foreign_key;
  }
  for (auto& column_plan : plan.columns) {
    const Column& column = *column_plan.column;
    auto foreign = single_keys.find(column.name);
    const bool integer = column.type.kind == TypeKind::int16 || column.type.kind == TypeKind::int32 ||
                         column.type.kind == TypeKind::int64;
    const bool in_key = std::find(key.begin(), key.end(), column.name) != key.end();
    const bool inferred = in_key && key.size() == 1 && integer && foreign == single_keys.end();
    if (column.autoincrement && !inferred) {
      if (in_key && integer) column_plan.options.push_back(".autoincrement = true");
      else note(plan, "column " + schema::cpp_string_literal(column.name) + " is an identity column outside an integer primary key, "
                                                      "which .autoincrement cannot say");
    } else if (!column.autoincrement && inferred) {
      column_plan.options.push_back(".autoincrement = false");
    }
    if (foreign == single_keys.end()) continue;
    const ForeignKey& key_of = *foreign->second;
    column_plan.options.push_back(".foreign_key = " + schema::cpp_string_literal(key_of.referred_table + "." + key_of.referred_columns.front()));
    if (key_of.on_delete != ReferentialAction::no_action)
      column_plan.options.push_back(".on_delete = sqlmodel::OnDelete::" + std::string(schema::to_string(key_of.on_delete)));
    if (key_of.on_update != ReferentialAction::no_action)
      column_plan.options.push_back(".on_update = sqlmodel::OnUpdate::" + std::string(schema::to_string(key_of.on_update)));
    if (key_of.name != schema::naming::foreign_key(plan.table->name, key_of.columns, key_of.referred_table))
      column_plan.options.push_back(".foreign_key_name = " + schema::cpp_string_literal(key_of.name));
  }
}

void Generator::plan_constraints(TablePlan& plan) {
  const Table& table = *plan.table;
  auto column_plan = [&](const std::string& name) -> ColumnPlan* {
    for (auto& candidate : plan.columns)
      if (candidate.column->name == name) return &candidate;
    return nullptr;
  };
  auto quoted_list = [](const std::vector<std::string>& columns) {
    std::vector<std::string> quoted;
    for (const auto& column : columns) quoted.push_back(schema::cpp_string_literal(column));
    return "{" + schema::join(quoted, ", ") + "}";
  };
  auto all_columns_known = [&](const std::vector<std::string>& columns) {
    return std::all_of(columns.begin(), columns.end(), [&](const std::string& name) { return column_plan(name) != nullptr; });
  };
  std::set<std::string> field_unique;  // columns marked .unique = true
  for (const auto& unique : table.unique_constraints) {
    if (!all_columns_known(unique.columns)) {
      note(plan, "unique constraint " + schema::cpp_string_literal(unique.name) + " names a column left out: not in the model");
      continue;
    }
    if (unique.columns.size() == 1 && unique.name == schema::naming::unique(table.name, unique.columns) &&
        !field_unique.count(unique.columns.front())) {
      column_plan(unique.columns.front())->options.push_back(".unique = true");
      field_unique.insert(unique.columns.front());
      continue;
    }
    std::string annotation = "SQLMODEL_UNIQUE(.columns = " + quoted_list(unique.columns);
    if (unique.name != schema::naming::unique(table.name, unique.columns)) annotation += ", .name = " + schema::cpp_string_literal(unique.name);
    plan.annotations.push_back(annotation + ")");
  }
  for (const auto& index : table.indexes) {
    if (!all_columns_known(index.columns)) {
      note(plan, "index " + schema::cpp_string_literal(index.name) + " on (" + schema::join(index.columns, ", ") +
                     ") indexes an expression or a column left out, which SQLMODEL_INDEX cannot say: not in the model");
      continue;
    }
    const bool conventional = index.name == schema::naming::index(table.name, index.columns);
    if (index.columns.size() == 1 && conventional && !index.where && !index.method &&
        !(index.unique && field_unique.count(index.columns.front()))) {
      ColumnPlan* target = column_plan(index.columns.front());
      const bool already = std::find(target->options.begin(), target->options.end(), ".index = true") != target->options.end();
      if (!already) {
        target->options.push_back(".index = true");
        if (index.unique) {
          target->options.push_back(".unique = true");
          field_unique.insert(index.columns.front());
        }
        continue;
      }
    }
    std::string annotation = "SQLMODEL_INDEX(.columns = " + quoted_list(index.columns);
    if (index.unique) annotation += ", .unique = true";
    if (index.where) annotation += ", .where = " + schema::cpp_string_literal(*index.where);
    if (index.method) annotation += ", .method = " + schema::cpp_string_literal(*index.method);
    if (!conventional) annotation += ", .name = " + schema::cpp_string_literal(index.name);
    plan.annotations.push_back(annotation + ")");
  }
  for (const auto& check : table.check_constraints) {
    bool enum_check = false;
    for (const auto& [column, key] : plan.sqlite_enum_columns)
      enum_check |= check.name == schema::naming::enum_check(table.name, column);
    if (enum_check) continue;  // the enum's lowering writes it
    const std::string prefix = "ck_" + table.name + "_";
    std::string annotation = "SQLMODEL_CHECK(";
    if (check.name.starts_with(prefix) && schema::naming::check(table.name, check.name.substr(prefix.size())) == check.name)
      annotation += ".name = " + schema::cpp_string_literal(check.name.substr(prefix.size()));
    else
      annotation += ".constraint_name = " + schema::cpp_string_literal(check.name);
    plan.annotations.push_back(annotation + ", .expression = " + schema::cpp_string_literal(check.expression) + ")");
  }
}

void Generator::plan_relationships() {
  std::map<std::string, TablePlan*> by_table;
  for (auto& plan : tables_)
    if (plan.expressible) by_table[plan.table->name] = &plan;
  auto modelled_keys = [&](const TablePlan& plan) {
    std::vector<const ForeignKey*> keys;
    for (const auto& key : plan.table->foreign_keys)
      if (!plan.omitted_foreign_keys.count(key.name) && by_table.count(key.referred_table)) keys.push_back(&key);
    return keys;
  };
  auto is_unique_column = [](const Table& table, const std::string& column) {
    if (table.primary_key && table.primary_key->columns == std::vector<std::string>{column}) return true;
    for (const auto& unique : table.unique_constraints)
      if (unique.columns == std::vector<std::string>{column}) return true;
    for (const auto& index : table.indexes)
      if (index.unique && !index.where && index.columns == std::vector<std::string>{column}) return true;
    return false;
  };
  auto add = [](TablePlan& plan, std::string member, std::string type, std::vector<std::string> options) {
    plan.relationships.push_back({std::move(member), std::move(type), std::move(options), {}});
  };

  // Foreign keys between each pair of tables, either way: with several, each relationship
  // names the key it follows.
  std::map<std::pair<std::string, std::string>, int> keys_between;
  for (auto& plan : tables_) {
    if (!plan.expressible) continue;
    for (const ForeignKey* key : modelled_keys(plan))
      ++keys_between[std::minmax(plan.table->name, key->referred_table)];
  }
  for (auto& plan : tables_) {
    if (!plan.expressible) continue;
    const Table& table = *plan.table;
    std::vector<const ForeignKey*> keys = modelled_keys(plan);
    // A link table: its primary key is exactly two single-column foreign keys.
    if (keys.size() == 2 && table.primary_key && table.primary_key->columns.size() == 2) {
      std::set<std::string> key_columns(table.primary_key->columns.begin(), table.primary_key->columns.end());
      if (key_columns == std::set<std::string>{keys[0]->columns.front(), keys[1]->columns.front()}) {
        TablePlan& a = *by_table.at(keys[0]->referred_table);
        TablePlan& b = *by_table.at(keys[1]->referred_table);
        const bool self = &a == &b;
        std::string a_member = unique_member(a, self ? without_id_suffix(keys[1]->columns.front()) : b.table->name);
        std::string b_member = unique_member(b, self ? without_id_suffix(keys[0]->columns.front()) : a.table->name);
        std::vector<std::string> a_options{".link_model = " + schema::cpp_string_literal(table.name), ".back_populates = " + schema::cpp_string_literal(b_member)};
        std::vector<std::string> b_options{".link_model = " + schema::cpp_string_literal(table.name), ".back_populates = " + schema::cpp_string_literal(a_member)};
        if (self) {
          a_options.push_back(".foreign_key = " + schema::cpp_string_literal(keys[0]->columns.front()));
          b_options.push_back(".foreign_key = " + schema::cpp_string_literal(keys[1]->columns.front()));
        }
        add(a, a_member, "sqlmodel::RelatedList<" + b.struct_name + ">", a_options);
        add(b, b_member, "sqlmodel::RelatedList<" + a.struct_name + ">", b_options);
        continue;
      }
    }
    for (const ForeignKey* key : keys) {
      TablePlan& parent = *by_table.at(key->referred_table);
      const std::string& column = key->columns.front();
      const bool self = &parent == &plan;
      const bool several = keys_between[std::minmax(table.name, key->referred_table)] > 1;
      const bool one_to_one = is_unique_column(table, column) && !self;
      std::string base = without_id_suffix(column);
      if (base == column) base = schema::lower_ascii(singular(parent.struct_name));
      std::string child_member = unique_member(plan, base);
      std::string parent_wanted = one_to_one ? schema::lower_ascii(singular(plan.struct_name))
                                  : self     ? child_member + "_reverse"
                                  : several  ? base + "_" + table.name
                                             : table.name;
      std::string parent_member = unique_member(parent, parent_wanted);
      std::vector<std::string> child_options{".back_populates = " + schema::cpp_string_literal(parent_member)};
      std::vector<std::string> parent_options{".back_populates = " + schema::cpp_string_literal(child_member)};
      if (several) {
        child_options.push_back(".foreign_key = " + schema::cpp_string_literal(column));
        parent_options.push_back(".foreign_key = " + schema::cpp_string_literal(column));
      }
      if (self) child_options.push_back(".remote_side = " + schema::cpp_string_literal(key->referred_columns.front()));
      add(plan, child_member, "sqlmodel::Related<" + parent.struct_name + ">", child_options);
      add(parent, parent_member,
          std::string(one_to_one ? "sqlmodel::Related<" : "sqlmodel::RelatedList<") + plan.struct_name + ">",
          parent_options);
    }
  }
}

std::string Generator::write_table(const TablePlan& plan) {
  std::string text;
  for (const auto& comment : plan.comments) text += "// " + comment + "\n";
  const std::string prefix = plan.expressible ? "" : "// ";
  text += prefix + "struct SQLMODEL_TABLE(" + schema::join(plan.table_options, ", ") + ")\n";
  for (const auto& annotation : plan.annotations) text += prefix + annotation + "\n";
  text += prefix + plan.struct_name + " {\n";
  for (const auto& column : plan.columns) {
    for (const auto& comment : column.comments) text += prefix + "  // " + comment + "\n";
    std::string line = "  ";
    if (!column.options.empty()) line += "SQLMODEL_FIELD(" + schema::join(column.options, ", ") + ")";
    std::string declaration = qualified_where_hidden(plan, column.type) + " " + column.member + ";";
    if (line.size() + declaration.size() + 1 > 100 && line.size() > 2) {
      text += prefix + line + "\n";
      line = "  ";
    } else if (line.size() > 2) {
      line += " ";
    }
    text += prefix + line + declaration + "\n";
  }
  for (const auto& relationship : plan.relationships) {
    std::string line = "  SQLMODEL_RELATIONSHIP(" + schema::join(relationship.options, ", ") + ")";
    std::string declaration = qualified_where_hidden(plan, relationship.type) + " " + relationship.member + ";";
    if (line.size() + declaration.size() + 1 > 100) text += prefix + line + "\n" + prefix + "  " + declaration + "\n";
    else text += prefix + line + " " + declaration + "\n";
  }
  for (const auto& comment : plan.member_comments) text += prefix + "  // " + comment + "\n";
  text += prefix + "};\n";
  return text;
}

std::string Generator::write() {
  std::string text = "// Generated by sqlmodel-codegen";
  if (!options_.source.empty()) text += " from " + options_.source;
  text +=
      ".\n// Review it before committing: struct and relationship names are guesses from table and\n"
      "// column names; what the annotations cannot say is a comment where it belongs.\n"
      "#pragma once\n\n";
  if (includes_.chrono) text += "#include <chrono>\n";
  if (includes_.bytes) text += "#include <cstddef>\n";
  text += "#include <cstdint>\n#include <optional>\n#include <string>\n";
  if (includes_.vector) text += "#include <vector>\n";
  text += "\n";
  if (includes_.json) text += "#include <nlohmann/json.hpp>\n";
  text += "#include <sqlmodel/annotations.hpp>\n\n";
  if (!options_.namespace_name.empty()) text += "namespace " + options_.namespace_name + " {\n\n";
  bool any_enum = false;
  for (const auto& [name, plan] : enums_) {
    if (!plan.expressible) continue;
    text += "enum class " + plan.cpp_name + " { " + schema::join(plan.values, ", ") + " };\n";
    any_enum = true;
  }
  if (any_enum) text += "\n";
  std::vector<std::string> declared;
  for (const auto& plan : tables_)
    if (plan.expressible) declared.push_back("struct " + plan.struct_name + ";");
  if (!declared.empty()) text += schema::join(declared, "\n") + "\n";
  for (const auto& plan : tables_) text += "\n" + write_table(plan);
  if (!options_.namespace_name.empty()) text += "\n}  // namespace " + options_.namespace_name + "\n";
  return text;
}

GeneratedModels Generator::run() {
  plan_enums();
  std::set<std::string> struct_names;
  for (const auto& table : schema_.tables) {
    TablePlan plan;
    plan.table = &table;
    std::string name = cpp_identifier(struct_name(table.name));
    std::string candidate = name;
    for (int n = 2; struct_names.count(candidate); ++n) candidate = name + std::to_string(n);
    struct_names.insert(candidate);
    plan.struct_name = candidate;
    tables_.push_back(std::move(plan));
  }
  for (auto& plan : tables_) plan_table(plan);
  if (options_.relationships) plan_relationships();
  for (const auto& plan : tables_) own_type_names_.insert(plan.struct_name);
  for (const auto& [name, plan] : enums_) own_type_names_.insert(plan.cpp_name);
  return {write(), notes_};
}

}  // namespace

std::string cpp_identifier(std::string_view name) {
  if (is_identifier(name)) return std::string(name);
  std::string result;
  for (char c : name) result += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  while (result.find("__") != std::string::npos) result.replace(result.find("__"), 2, "_");
  if (result.empty() || std::isdigit(static_cast<unsigned char>(result[0]))) result = "_" + result;
  if (result.size() > 1 && result[0] == '_' && std::isupper(static_cast<unsigned char>(result[1])))
    result = "x" + result;
  if (is_keyword(result)) result += "_";
  return result;
}

std::string struct_name(std::string_view table) {
  std::string result;
  bool upper = true;
  std::string singular_name = singular(std::string(table));
  for (char c : singular_name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    result += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return result.empty() ? "Table" : result;
}

GeneratedModels generate_models(const schema::Schema& schema, const std::vector<schema::IntrospectionGap>& gaps,
                                const CodegenOptions& options) {
  return Generator(schema, gaps, options).run();
}

}  // namespace sqlmodel::codegen
