// DDL for create_all. Column types (postgres_types.hpp and sqlite_types.hpp hold the tables):
//
//   schema type      PostgreSQL                      SQLite
//   int16            SMALLINT                        SMALLINT
//   int32            INTEGER                         INTEGER (INT as a non-rowid sole PK)
//   int64            BIGINT                          BIGINT (INTEGER when it is the rowid)
//   boolean          BOOLEAN                         BOOLEAN
//   float32          REAL                            REAL
//   float64          DOUBLE PRECISION                DOUBLE
//   string(n)        VARCHAR(n) / VARCHAR            VARCHAR(n) / VARCHAR
//   text             TEXT                            TEXT
//   blob             BYTEA                           BLOB
//   date             DATE                            DATE
//   datetime         TIMESTAMP WITHOUT TIME ZONE     DATETIME
//   datetime_tz      TIMESTAMP WITH TIME ZONE        TIMESTAMP WITH TIME ZONE
//   interval         INTERVAL                        lowered: DATETIME (SQLAlchemy's Interval)
//   uuid             UUID                            CHAR(36)
//   json             JSON                            JSON
//   jsonb            JSONB                           lowered: JSON
//   numeric(p,s)     NUMERIC(p,s)                    NUMERIC(p,s)
//   enum(e)          "e" (CREATE TYPE ... AS ENUM)   lowered: VARCHAR(longest) + CHECK
//   array(t)         t[]                             lowered: JSON
//   a dialect spelling (.postgresql_type / .sqlite_type): written verbatim
//
// A generated column gets GENERATED ALWAYS AS (expression) STORED on both dialects.
#include "schema/ddl.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

#include "schema/lower.hpp"
#include "schema/postgres_types.hpp"
#include "schema/sql_lexical.hpp"
#include "schema/sqlite_types.hpp"

namespace sqlmodel::schema {
namespace {

std::string quoted_list(const std::vector<std::string>& names, Dialect dialect) {
  std::string list = "(";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) list += ", ";
    list += quote_identifier(dialect, names[i]);
  }
  return list + ")";
}

std::string constraint_prefix(const std::string& name, Dialect dialect) {
  return "CONSTRAINT " + quote_identifier(dialect, name) + " ";
}

// True when the outer parentheses enclose the whole text ("(a) + (b)" is not enclosed).
bool is_parenthesized(std::string_view text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0 && i + 1 < text.size()) return false;
    }
  }
  return depth == 0;
}

bool is_bare_default(std::string_view text) {
  static const std::set<std::string, std::less<>> keywords{
      "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "TRUE", "FALSE", "NULL"};
  return is_string_literal(text) || is_number_literal(text) || keywords.contains(upper_ascii(text)) ||
         is_parenthesized(text);
}

// Tables `from` reaches through foreign keys, among `remaining`.
bool reaches(const std::map<std::string, std::set<std::string>>& references,
             const std::string& from, const std::string& target,
             const std::set<std::string>& remaining) {
  std::set<std::string> seen{from};
  std::vector<std::string> stack{from};
  while (!stack.empty()) {
    std::string current = stack.back();
    stack.pop_back();
    for (const auto& next : references.at(current)) {
      if (next == target) return true;
      if (remaining.contains(next) && seen.insert(next).second) stack.push_back(next);
    }
  }
  return false;
}

}  // namespace

std::string render_column_type(const ColumnType& type, Dialect dialect) {
  return dialect == Dialect::sqlite ? sqlite_declared_type(type) : postgres_type(type);
}

std::string render_default_expression(std::string_view expression) {
  std::string_view text = trim_sql(expression);
  if (text.empty()) throw std::invalid_argument("empty server default expression");
  if (is_bare_default(text)) return std::string(text);
  return "(" + std::string(text) + ")";
}

namespace {

// The default member initializer (JSON text) as a literal both dialects read.
std::optional<std::string> literal_of_default_value(const std::string& json_text) {
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error&) {
    return std::nullopt;
  }
  if (value.is_boolean()) return value.get<bool>() ? "TRUE" : "FALSE";
  if (value.is_number()) return value.dump();
  if (value.is_string()) return quote_literal(value.get<std::string>());
  return std::nullopt;
}

// A random version 4 UUID from SQLite's own functions, in the column's storage form: the
// canonical 36-character text, or SQLAlchemy's 32 hex digits (uuid_hex).
std::string sqlite_uuid4(bool hex_digits) {
  const std::string dash = hex_digits ? "" : " || '-'";
  return "lower(hex(randomblob(4))" + dash + " || hex(randomblob(2))" + dash +
         " || '4' || substr(hex(randomblob(2)), 2)" + dash +
         " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)" + dash +
         " || hex(randomblob(6)))";
}

}  // namespace

std::optional<std::string> render_model_default(const Column& column, Dialect dialect) {
  if (column.default_factory == "now") {
    if (column.type.kind == TypeKind::date) return std::string("CURRENT_DATE");
    if (dialect == Dialect::postgresql)
      return std::string(column.type.with_timezone ? "CURRENT_TIMESTAMP" : "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')");
    // What format_timestamp writes (value_text.hpp), to the millisecond.
    return std::string("strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')");
  }
  if (column.default_factory == "uuid4")
    return dialect == Dialect::postgresql ? std::string("gen_random_uuid()") : sqlite_uuid4(column.type.uuid_hex);
  if (column.default_value) return literal_of_default_value(*column.default_value);
  return std::nullopt;
}

std::optional<std::string> portable_model_default(const Column& column) {
  if (column.default_factory == "now")
    return std::string(column.type.kind == TypeKind::date ? "CURRENT_DATE" : "CURRENT_TIMESTAMP");
  if (column.default_factory) return std::nullopt;
  if (column.default_value) return literal_of_default_value(*column.default_value);
  return std::nullopt;
}

std::string render_column_definition(const Table& table, const Column& column, Dialect dialect) {
  std::string definition = quote_identifier(dialect, column.name) + " ";
  definition += dialect == Dialect::sqlite ? sqlite_declared_type(table, column)
                                           : postgres_type(column.type);
  if (column.generated)
    definition += " GENERATED ALWAYS AS (" + std::string(trim_sql(*column.generated)) + ") STORED";
  if (!column.nullable) definition += " NOT NULL";
  if (column.server_default) definition += " DEFAULT " + render_default_expression(*column.server_default);
  if (column.autoincrement && dialect == Dialect::postgresql)
    definition += " GENERATED BY DEFAULT AS IDENTITY";
  return definition;
}

std::string_view render_referential_action(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::unset:
    case ReferentialAction::no_action: return "NO ACTION";
    case ReferentialAction::restrict: return "RESTRICT";
    case ReferentialAction::cascade: return "CASCADE";
    case ReferentialAction::set_null: return "SET NULL";
    case ReferentialAction::set_default: return "SET DEFAULT";
  }
  return "NO ACTION";
}

std::string render_primary_key_constraint(const PrimaryKey& key, Dialect dialect, bool on_column) {
  if (on_column) return constraint_prefix(key.name, dialect) + "PRIMARY KEY";
  return constraint_prefix(key.name, dialect) + "PRIMARY KEY " + quoted_list(key.columns, dialect);
}

std::string render_foreign_key_constraint(const ForeignKey& key, Dialect dialect) {
  std::string clause = constraint_prefix(key.name, dialect) + "FOREIGN KEY " +
                       quoted_list(key.columns, dialect) + " REFERENCES " +
                       quote_identifier(dialect, key.referred_table) + " " +
                       quoted_list(key.referred_columns, dialect);
  if (key.on_delete != ReferentialAction::no_action)
    clause += " ON DELETE " + std::string(render_referential_action(key.on_delete));
  if (key.on_update != ReferentialAction::no_action)
    clause += " ON UPDATE " + std::string(render_referential_action(key.on_update));
  return clause;
}

std::string render_unique_constraint(const UniqueConstraint& unique, Dialect dialect) {
  return constraint_prefix(unique.name, dialect) + "UNIQUE " + quoted_list(unique.columns, dialect);
}

std::string render_check_constraint(const CheckConstraint& check, Dialect dialect) {
  return constraint_prefix(check.name, dialect) + "CHECK (" + std::string(trim_sql(check.expression)) + ")";
}

std::string render_create_table(const Table& table, Dialect dialect,
                                const std::vector<std::string>& foreign_keys_left_out) {
  if (table.columns.empty())
    throw std::invalid_argument("table \"" + table.name + "\" has no columns");
  std::vector<std::string> lines;
  // AUTOINCREMENT exists only in the column-constraint form of the key: the key moves there.
  const bool key_on_column = dialect == Dialect::sqlite && table.sqlite_autoincrement;
  for (const auto& column : table.columns) {
    std::string definition = render_column_definition(table, column, dialect);
    if (key_on_column && table.primary_key && table.primary_key->columns == std::vector{column.name})
      definition += " " + render_primary_key_constraint(*table.primary_key, dialect, /*on_column=*/true) +
                    " AUTOINCREMENT";
    lines.push_back(std::move(definition));
  }
  if (table.primary_key && !key_on_column)
    lines.push_back(render_primary_key_constraint(*table.primary_key, dialect));
  for (const auto& key : table.foreign_keys)
    if (std::find(foreign_keys_left_out.begin(), foreign_keys_left_out.end(), key.name) ==
        foreign_keys_left_out.end())
      lines.push_back(render_foreign_key_constraint(key, dialect));
  for (const auto& unique : table.unique_constraints) lines.push_back(render_unique_constraint(unique, dialect));
  for (const auto& check : table.check_constraints) lines.push_back(render_check_constraint(check, dialect));

  std::string statement = "CREATE TABLE " + quote_identifier(dialect, table.name) + " (\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    statement += "  " + lines[i];
    statement += i + 1 < lines.size() ? ",\n" : "\n";
  }
  return statement + ")";
}

std::string render_add_foreign_key(const Table& table, const ForeignKey& key, Dialect dialect) {
  if (dialect == Dialect::sqlite)
    throw std::invalid_argument("SQLite cannot add foreign key \"" + key.name + "\" to table \"" +
                                table.name + "\" with ALTER TABLE: the table must be rebuilt");
  return "ALTER TABLE " + quote_identifier(dialect, table.name) + " ADD " +
         render_foreign_key_constraint(key, dialect);
}

std::string render_create_index(const Table& table, const Index& index, Dialect dialect) {
  if (index.columns.empty())
    throw std::invalid_argument("index \"" + index.name + "\" on table \"" + table.name +
                                "\" has no columns");
  std::string statement = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  statement += quote_identifier(dialect, index.name) + " ON " + quote_identifier(dialect, table.name);
  if (index.method) {
    if (dialect == Dialect::sqlite)
      throw std::invalid_argument("index \"" + index.name + "\" on table \"" + table.name +
                                  "\": SQLite has no index methods (lower the schema first)");
    statement += " USING " + quote_identifier(dialect, *index.method);
  }
  statement += " " + quoted_list(index.columns, dialect);
  if (index.where) statement += " WHERE " + std::string(trim_sql(*index.where));
  return statement;
}

std::string render_create_enum(const EnumType& type, Dialect dialect) {
  if (dialect == Dialect::sqlite)
    throw std::invalid_argument("SQLite has no enum types (enum \"" + type.name +
                                "\" is lowered to a CHECK constraint)");
  std::string statement = "CREATE TYPE " + quote_identifier(dialect, type.name) + " AS ENUM (";
  for (std::size_t i = 0; i < type.values.size(); ++i) {
    if (i > 0) statement += ", ";
    statement += quote_literal(type.values[i]);
  }
  return statement + ")";
}

std::vector<std::string> render_comments(const Table& table, Dialect dialect) {
  std::vector<std::string> statements;
  if (dialect == Dialect::sqlite) return statements;
  std::string quoted_table = quote_identifier(dialect, table.name);
  if (table.comment)
    statements.push_back("COMMENT ON TABLE " + quoted_table + " IS " + quote_literal(*table.comment));
  for (const auto& column : table.columns)
    if (column.comment)
      statements.push_back("COMMENT ON COLUMN " + quoted_table + "." +
                           quote_identifier(dialect, column.name) + " IS " +
                           quote_literal(*column.comment));
  return statements;
}

std::vector<const Table*> dependency_order(const Schema& schema) {
  std::map<std::string, const Table*> by_name;
  for (const auto& table : schema.tables) by_name.emplace(table.name, &table);
  // Referenced tables inside the schema, self-references left out: a table can always be
  // created together with its own foreign keys.
  std::map<std::string, std::set<std::string>> references;
  for (const auto& [name, table] : by_name) {
    auto& referred = references[name];
    for (const auto& key : table->foreign_keys)
      if (key.referred_table != name && by_name.contains(key.referred_table))
        referred.insert(key.referred_table);
  }

  std::set<std::string> remaining;
  for (const auto& [name, table] : by_name) remaining.insert(name);
  std::vector<const Table*> order;
  auto emit = [&](const std::string& name) {
    order.push_back(by_name.at(name));
    remaining.erase(name);
  };
  while (!remaining.empty()) {
    auto ready = std::find_if(remaining.begin(), remaining.end(), [&](const std::string& name) {
      return std::none_of(references[name].begin(), references[name].end(),
                          [&](const std::string& referred) { return remaining.contains(referred); });
    });
    if (ready != remaining.end()) {
      emit(*ready);
      continue;
    }
    // Every remaining table waits for another: there is a cycle. Break it at the first table
    // (by name) whose remaining references all lead back to it, i.e. one inside a cycle that
    // depends on nothing outside that cycle, so only foreign keys within the cycle are deferred.
    auto breaker = std::find_if(remaining.begin(), remaining.end(), [&](const std::string& name) {
      return std::all_of(references[name].begin(), references[name].end(),
                         [&](const std::string& referred) {
                           return !remaining.contains(referred) ||
                                  reaches(references, referred, name, remaining);
                         });
    });
    emit(breaker != remaining.end() ? *breaker : *remaining.begin());
  }
  return order;
}

std::vector<std::string> render_create_all(const Schema& schema, Dialect dialect) {
  Schema lowered = lower_for_dialect(schema, dialect);
  std::vector<std::string> statements;
  if (dialect == Dialect::postgresql)
    for (const auto& type : lowered.enums) statements.push_back(render_create_enum(type, dialect));

  std::set<std::string> in_schema;
  for (const auto& table : lowered.tables) in_schema.insert(table.name);
  std::set<std::string> created;
  std::vector<std::pair<const Table*, const ForeignKey*>> deferred;
  std::vector<const Table*> order = dependency_order(lowered);
  // Each table's indexes come right after it, as `upgrade` creates them: a foreign key may refer
  // to columns that are unique only through a unique index (.unique + .index), which PostgreSQL
  // requires to exist when the key is created. A key to such an index of its own table, which
  // CREATE TABLE cannot see yet, is added after the index, like a key to a later table.
  auto unique_only_by_index = [](const Table& table, const std::vector<std::string>& columns) {
    auto same = [&](const std::vector<std::string>& other) {
      return std::is_permutation(other.begin(), other.end(), columns.begin(), columns.end());
    };
    if (table.primary_key && same(table.primary_key->columns)) return false;
    for (const auto& constraint : table.unique_constraints)
      if (same(constraint.columns)) return false;
    return true;
  };
  for (const Table* table : order) {
    std::vector<std::string> left_out;
    if (dialect == Dialect::postgresql) {
      for (const auto& key : table->foreign_keys) {
        bool later = key.referred_table != table->name && in_schema.contains(key.referred_table) &&
                     !created.contains(key.referred_table);
        bool self_to_index = key.referred_table == table->name && unique_only_by_index(*table, key.referred_columns);
        if (!later && !self_to_index) continue;
        left_out.push_back(key.name);
        deferred.emplace_back(table, &key);
      }
    }
    statements.push_back(render_create_table(*table, dialect, left_out));
    for (auto& comment : render_comments(*table, dialect)) statements.push_back(std::move(comment));
    for (const auto& index : table->indexes) statements.push_back(render_create_index(*table, index, dialect));
    created.insert(table->name);
  }
  for (const auto& [table, key] : deferred) statements.push_back(render_add_foreign_key(*table, *key, dialect));
  return statements;
}

}  // namespace sqlmodel::schema
