// Rules about rows a table already has: a new NOT NULL column without a value for them, SET NOT
// NULL over them, a unique constraint over them, a volatile default computed for each of them.
#include <algorithm>
#include <array>
#include <cctype>

#include <span>

#include "lint/checks.hpp"
#include "lint/sql_text.hpp"
#include "schema/lower.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::migrate::lint {
namespace {

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Functions PostgreSQL declares IMMUTABLE or STABLE that defaults use: a default calling only
// these is computed once when the column is added. Any other function is taken as VOLATILE,
// PostgreSQL's own default for a function declared without a volatility.
bool is_stable_function(std::string_view name) {
  static constexpr std::array<std::string_view, 41> names{
      "now", "transaction_timestamp", "statement_timestamp", "current_setting", "timezone",
      "date_trunc", "date_part", "extract", "make_date", "make_time", "make_timestamp",
      "make_timestamptz", "make_interval", "to_timestamp", "to_date", "to_char", "to_number",
      "cast", "coalesce", "nullif", "greatest", "least", "lower", "upper", "length", "trim",
      "btrim", "ltrim", "rtrim", "concat", "concat_ws", "replace", "substring", "substr", "md5",
      "abs", "round", "jsonb_build_object", "json_build_object", "jsonb_build_array",
      "json_build_array"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The first function of an expression (its tokens) that makes it volatile, nullopt when it
// calls none.
std::optional<std::string> volatile_function(std::span<const schema::SqlToken> tokens) {
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (token.kind != schema::SqlTokenKind::word && token.kind != schema::SqlTokenKind::quoted_identifier) continue;
    if (tokens[i + 1].kind != schema::SqlTokenKind::punct || tokens[i + 1].text != "(") continue;
    // A type's arguments (x::numeric(10, 2), CAST(x AS varchar(5))), not a call.
    if (i > 0 && ((tokens[i - 1].kind == schema::SqlTokenKind::punct && tokens[i - 1].text == "::") ||
                  (tokens[i - 1].kind == schema::SqlTokenKind::word && lowercase(tokens[i - 1].text) == "as")))
      continue;
    const std::string name = token.kind == schema::SqlTokenKind::word ? lowercase(token.text) : token.text;
    if (!is_stable_function(name)) return name + "()";
  }
  return std::nullopt;
}

// The DEFAULT expression of an ALTER TABLE ... ADD COLUMN statement, as tokens: the column's
// server default, or the model default a step fills the existing rows with.
std::optional<std::vector<schema::SqlToken>> added_default(const SqlStatement& statement) {
  static constexpr std::array<std::string_view, 10> ends{"not", "null", "constraint", "check", "references",
                                                         "primary", "unique", "generated", "collate", "using"};
  if (!has_word(statement, "add")) return std::nullopt;
  int depth = 0;
  for (std::size_t i = 0; i < statement.size(); ++i) {
    if (depth != 0 || !has_word({statement[i]}, "default")) {
      if (statement[i].kind == schema::SqlTokenKind::punct) depth += statement[i].text == "(" ? 1 : statement[i].text == ")" ? -1 : 0;
      continue;
    }
    std::vector<schema::SqlToken> expression;
    for (std::size_t j = i + 1; j < statement.size(); ++j) {
      const auto& token = statement[j];
      if (token.kind == schema::SqlTokenKind::punct) depth += token.text == "(" ? 1 : token.text == ")" ? -1 : 0;
      if (depth == 0 && token.kind == schema::SqlTokenKind::word &&
          std::find(ends.begin(), ends.end(), lowercase(token.text)) != ends.end())
        break;
      expression.push_back(token);
    }
    return expression;
  }
  return std::nullopt;
}

// The tokens as SQL again, for a message.
std::string spelled(const std::vector<schema::SqlToken>& tokens) {
  std::string text;
  for (const auto& token : tokens) {
    const bool glue = token.kind == schema::SqlTokenKind::punct && token.text != ",";
    if (!text.empty() && !glue && text.back() != '(' && !text.ends_with("::")) text += ' ';
    if (token.kind == schema::SqlTokenKind::string) text += schema::quote_literal(token.text);
    else if (token.kind == schema::SqlTokenKind::quoted_identifier) text += schema::quote_identifier(schema::Dialect::postgresql, token.text);
    else text += token.text;
  }
  return text;
}

// The CHECK (col IS NOT NULL) the table has before the step, and whether it is validated (one
// added NOT VALID earlier in the list proves nothing until a validate_constraint step).
struct NotNullCheck {
  const schema::CheckConstraint* check = nullptr;
  bool validated = false;
};
NotNullCheck not_null_check(const StepContext& step, const std::string& table_name, const std::string& column) {
  const schema::Table* table = step.before.find_table(table_name);
  const schema::CheckConstraint* check = table ? schema::find_not_null_check(*table, column) : nullptr;
  return {check, check && !step.list.unvalidated_constraints.count({table_name, check->name})};
}

}  // namespace

CheckResult check_add_column_not_null_without_default(const StepContext& step) {
  const auto* add = std::get_if<schema::AddColumn>(&step.operation);
  if (!add || !step.existing_table(add->table)) return std::nullopt;
  if (!schema::leaves_existing_rows_without_value(*add)) return std::nullopt;
  return "adds " + quoted_name(add->table, add->column.name) + " NOT NULL without a server default";
}

CheckResult check_set_not_null(const StepContext& step) {
  const auto* alter = std::get_if<schema::AlterColumn>(&step.operation);
  if (!alter || !alter->from.nullable || alter->to.nullable || !step.existing_table(alter->table)) return std::nullopt;
  const std::string column = quoted_name(alter->table, alter->to.name);
  // A validated CHECK (col IS NOT NULL) proves there is no NULL: PostgreSQL 12+ skips the scan,
  // and SQLite's copy finds none (SQLite checked the rows when it added the CHECK).
  const NotNullCheck check = not_null_check(step, alter->table, alter->from.name);
  if (check.validated) return std::nullopt;
  const std::optional<std::string>& server_default = alter->to.server_default_on(step.dialect);
  if (step.postgresql()) {
    std::string message = "sets " + column + " NOT NULL: a full scan of " + quoted_name(alter->table) +
                          " under an ACCESS EXCLUSIVE lock";
    if (check.check)
      message += " (the CHECK " + check.check->name + " that would spare it is NOT VALID: validate it first)";
    if (server_default)
      message += ", after an UPDATE of every NULL to the new server default in the same transaction";
    return message;
  }
  if (server_default) return std::nullopt;  // the copy fills NULLs with it
  return "sets " + column + " NOT NULL with no server default to fill the NULLs while the table is copied";
}

CheckResult check_add_unique_constraint(const StepContext& step) {
  auto columns = [](const std::vector<std::string>& names) {
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    return " (" + list + ")";
  };
  // USING INDEX: the key takes over a unique index an earlier step built (CONCURRENTLY, which
  // create-index-without-concurrently asks for) and that checked the rows: the lock is brief.
  auto takes_over_unique_index = [&](const std::string& table_name, const std::optional<std::string>& index_name) {
    if (!index_name) return false;
    const schema::Table* table = step.before.find_table(table_name);
    if (!table) return false;
    return std::any_of(table->indexes.begin(), table->indexes.end(),
                       [&](const schema::Index& index) { return index.name == *index_name && index.unique; });
  };
  if (const auto* add = std::get_if<schema::AddUniqueConstraint>(&step.operation)) {
    if (!step.existing_table(add->table) || takes_over_unique_index(add->table, add->using_index)) return std::nullopt;
    return "adds unique constraint " + add->constraint.name + " on " + quoted_name(add->table) +
           columns(add->constraint.columns);
  }
  if (const auto* add = std::get_if<schema::AddPrimaryKey>(&step.operation)) {
    if (!step.existing_table(add->table)) return std::nullopt;
    // PostgreSQL sets a nullable key column NOT NULL while taking the index over: a scan.
    const schema::Table* table = step.before.find_table(add->table);
    const bool key_columns_not_null =
        table && std::all_of(add->key.columns.begin(), add->key.columns.end(), [&](const std::string& name) {
          const schema::Column* column = table->find_column(name);
          return column && !column->nullable;
        });
    if (key_columns_not_null && takes_over_unique_index(add->table, add->using_index)) return std::nullopt;
    return "adds primary key " + add->key.name + " on " + quoted_name(add->table) + columns(add->key.columns);
  }
  return std::nullopt;
}

CheckResult check_volatile_default_on_existing_table(const StepContext& step) {
  const auto* add = std::get_if<schema::AddColumn>(&step.operation);
  if (!add || !step.existing_table(add->table)) return std::nullopt;
  const std::string column = quoted_name(add->table, add->column.name);
  if (add->column.autoincrement) return "adds " + column + " as an identity column: a value for every row";
  // What the rendered statement gives the rows: the server default, or the model default the
  // step fills them with.
  for (const auto& text : step.rendered.statements)
    for (const auto& statement : sql_statements(text))
      if (auto expression = added_default(statement))
        if (auto function = volatile_function(*expression)) {
          const std::string value = spelled(*expression) + " (" + *function + ")";
          if (add->fill_existing_rows)
            return "adds " + column + " NOT NULL, filling the rows already there with its model default " +
                   add->column.default_factory.value_or(add->column.default_value.value_or("")) + ", which is " +
                   value + ": computed anew for every row";
          return "adds " + column + " with the volatile default " + value + ": a value for every row";
        }
  return std::nullopt;
}

}  // namespace sqlmodel::migrate::lint
