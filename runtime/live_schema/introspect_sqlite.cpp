// SQLite introspection. The pragma table-valued functions joined with sqlite_schema give the
// columns, indexes and foreign keys of every table in one query each; constraint names, CHECK
// expressions and partial-index predicates exist only in the CREATE texts, which one more
// query fetches and sqlite_create_table_parser reads. Four catalog queries in all, however
// many tables there are.
//
// Expressions (server defaults, CHECK expressions, index predicates) come back through
// normalize_sql_expression: SQLite echoes them as they were written, and normalising here means
// a comparison only has to normalise the other side the same way.
//
// Names SQLite does not keep (an unnamed PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK) are given
// the naming convention's name, so introspecting a database written by another tool still
// yields a schema where every constraint is named.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "live_schema/introspect.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/sqlite_create_table_parser.hpp"
#include "schema/sqlite_types.hpp"

namespace sqlmodel::schema {
namespace {

namespace parse = sqlite_sql;

// The tables introspection reads: user tables of the main database. sqlite_* tables are
// SQLite's own (sqlite_sequence, sqlite_stat1); virtual tables have no columns or keys of the
// kind the schema model holds.
std::string user_table_condition(std::string_view alias) {
  std::string a(alias);
  return a + ".type = 'table' AND " + a + ".name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND coalesce(" +
         a + ".sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'";
}

// SQLite compares identifiers case-insensitively (ASCII only), so a name written "Email" in a
// FOREIGN KEY clause means the column declared "email".
bool same_identifier(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

bool same_identifiers(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const std::string& x, const std::string& y) { return same_identifier(x, y); });
}

// Something the schema model cannot hold: an error naming it, or a gap of a tolerant run.
[[noreturn]] void unsupported(const std::string& table, const std::string& what) {
  throw UnrepresentableObject("SQLite introspection of table \"" + table + "\": " + what, what);
}

// --- Reading catalog rows ------------------------------------------------------------------

const std::string& required_text(const db::Row& row, std::size_t column, std::string_view what) {
  if (column >= row.size() || !row[column])
    throw DatabaseError("SQLite catalog query returned no " + std::string(what));
  return *row[column];
}

std::optional<std::string> optional_text(const db::Row& row, std::size_t column) {
  return column < row.size() ? row[column] : std::nullopt;
}

long long required_number(const db::Row& row, std::size_t column, std::string_view what) {
  const std::string& value = required_text(row, column, what);
  try {
    std::size_t used = 0;
    long long number = std::stoll(value, &used);
    if (used == value.size()) return number;
  } catch (const std::exception&) {
  }
  throw DatabaseError("SQLite catalog query returned '" + value + "' for " +
                          std::string(what) + ", where a number was expected");
}

struct CatalogColumn {
  std::string name;
  std::string declared_type;
  bool not_null = false;
  std::optional<std::string> default_expression;
  int primary_key_position = 0;  // 1-based position in the primary key, 0 when not in it
  int hidden = 0;                // pragma_table_xinfo: 1 hidden (virtual), 2/3 generated
};

struct CatalogIndex {
  std::string name;
  bool unique = false;
  std::string origin;  // "c" CREATE INDEX, "u" UNIQUE constraint, "pk" PRIMARY KEY
  bool partial = false;
  std::vector<std::optional<std::string>> columns;  // nullopt: an expression term
};

struct CatalogForeignKey {
  std::string referred_table;
  std::vector<std::string> columns;
  std::vector<std::optional<std::string>> referred_columns;  // nullopt: the parent's key
  std::string on_update, on_delete;
};

struct CatalogTable {
  std::string name;
  std::optional<std::string> create_sql;
  std::vector<CatalogColumn> columns;
  std::vector<CatalogIndex> indexes;
  std::vector<CatalogForeignKey> foreign_keys;  // in pragma id order
};

struct Catalog {
  std::map<std::string, CatalogTable> tables;
  std::map<std::string, std::optional<std::string>> index_sql;  // by index name
};

CatalogTable& table_of(Catalog& catalog, const db::Row& row) {
  const std::string& name = required_text(row, 0, "table name");
  auto found = catalog.tables.find(name);
  if (found == catalog.tables.end())
    throw DatabaseError("SQLite catalog changed during introspection: table \"" + name +
                            "\" appeared between two catalog queries");
  return found->second;
}

// Query 1: the CREATE texts of the user tables and their indexes.
void read_create_statements(db::Connection& connection, Catalog& catalog) {
  auto result = connection.query(
      "SELECT m.type, m.name, m.sql FROM sqlite_schema AS m "
      "WHERE (" + user_table_condition("m") +
      ") OR (m.type = 'index' AND m.tbl_name IN (SELECT t.name FROM sqlite_schema AS t WHERE " +
      user_table_condition("t") + ")) ORDER BY m.name");
  for (const auto& row : result.rows) {
    const std::string& type = required_text(row, 0, "object type");
    const std::string& name = required_text(row, 1, "object name");
    if (type == "table") {
      CatalogTable table;
      table.name = name;
      table.create_sql = optional_text(row, 2);
      catalog.tables.emplace(name, std::move(table));
    } else {
      catalog.index_sql[name] = optional_text(row, 2);
    }
  }
}

// Query 2: every column of every table.
void read_columns(db::Connection& connection, Catalog& catalog) {
  auto result = connection.query(
      "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
      "FROM sqlite_schema AS m JOIN pragma_table_xinfo(m.name, 'main') AS p WHERE " +
      user_table_condition("m") + " ORDER BY m.name, p.cid");
  for (const auto& row : result.rows) {
    CatalogColumn column;
    column.name = required_text(row, 1, "column name");
    column.declared_type = optional_text(row, 2).value_or("");
    column.not_null = required_number(row, 3, "notnull") != 0;
    column.default_expression = optional_text(row, 4);
    column.primary_key_position = static_cast<int>(required_number(row, 5, "pk"));
    column.hidden = static_cast<int>(required_number(row, 6, "hidden"));
    table_of(catalog, row).columns.push_back(std::move(column));
  }
}

// Query 3: every index of every table with its key columns, in order.
void read_indexes(db::Connection& connection, Catalog& catalog) {
  auto result = connection.query(
      "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.cid, ii.name "
      "FROM sqlite_schema AS m JOIN pragma_index_list(m.name, 'main') AS il "
      "JOIN pragma_index_info(il.name, 'main') AS ii WHERE " +
      user_table_condition("m") + " ORDER BY m.name, il.name, ii.seqno");
  for (const auto& row : result.rows) {
    CatalogTable& table = table_of(catalog, row);
    const std::string& name = required_text(row, 1, "index name");
    if (table.indexes.empty() || table.indexes.back().name != name) {
      CatalogIndex index;
      index.name = name;
      index.unique = required_number(row, 2, "index unique") != 0;
      index.origin = required_text(row, 3, "index origin");
      index.partial = required_number(row, 4, "index partial") != 0;
      table.indexes.push_back(std::move(index));
    }
    // cid -2 is an expression, -1 the rowid; neither has a column name of its own.
    bool is_column = required_number(row, 5, "index column id") >= 0;
    table.indexes.back().columns.push_back(is_column ? optional_text(row, 6) : std::nullopt);
  }
}

// Query 4: every foreign key of every table, column pairs in order.
void read_foreign_keys(db::Connection& connection, Catalog& catalog) {
  auto result = connection.query(
      "SELECT m.name, fk.id, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, fk.on_delete "
      "FROM sqlite_schema AS m JOIN pragma_foreign_key_list(m.name, 'main') AS fk WHERE " +
      user_table_condition("m") + " ORDER BY m.name, fk.id, fk.seq");
  long long previous_id = -1;
  const CatalogTable* previous_table = nullptr;
  for (const auto& row : result.rows) {
    CatalogTable& table = table_of(catalog, row);
    long long id = required_number(row, 1, "foreign key id");
    if (&table != previous_table || id != previous_id) {
      CatalogForeignKey key;
      key.referred_table = required_text(row, 2, "referenced table");
      key.on_update = required_text(row, 5, "on_update");
      key.on_delete = required_text(row, 6, "on_delete");
      table.foreign_keys.push_back(std::move(key));
      previous_table = &table;
      previous_id = id;
    }
    table.foreign_keys.back().columns.push_back(required_text(row, 3, "foreign key column"));
    table.foreign_keys.back().referred_columns.push_back(optional_text(row, 4));
  }
}

// --- Building the schema ---------------------------------------------------------------------

ReferentialAction referential_action(const std::string& table, const std::string& spelled) {
  static const std::map<std::string, ReferentialAction> actions{
      {"NO ACTION", ReferentialAction::no_action}, {"RESTRICT", ReferentialAction::restrict},
      {"CASCADE", ReferentialAction::cascade},     {"SET NULL", ReferentialAction::set_null},
      {"SET DEFAULT", ReferentialAction::set_default}};
  auto found = actions.find(spelled);
  if (found == actions.end()) unsupported(table, "unknown referential action '" + spelled + "'");
  return found->second;
}

// Hands out the parsed constraints of one kind, each at most once, to the catalog objects
// they describe: SQLite reports keys without names, the CREATE text has the names.
class ParsedConstraints {
 public:
  ParsedConstraints(const parse::ParsedCreateTable& parsed, parse::ConstraintKind kind) {
    for (const auto& constraint : parsed.constraints)
      if (constraint.kind == kind) unclaimed_.push_back(&constraint);
  }

  const parse::ParsedConstraint* claim(const std::vector<std::string>& columns,
                                       const std::string& referred_table = {}) {
    for (auto it = unclaimed_.begin(); it != unclaimed_.end(); ++it) {
      const auto* constraint = *it;
      if (!same_identifiers(constraint->columns, columns)) continue;
      if (!referred_table.empty() && !same_identifier(constraint->referred_table, referred_table))
        continue;
      unclaimed_.erase(it);
      return constraint;
    }
    return nullptr;
  }

  const std::vector<const parse::ParsedConstraint*>& all() const { return unclaimed_; }

 private:
  std::vector<const parse::ParsedConstraint*> unclaimed_;
};

// Names for constraints SQLite kept no name for: the convention's name, made distinct from
// every written name and from each other (two unnamed CHECKs on one column are legal).
class ConventionNames {
 public:
  ConventionNames(const parse::ParsedCreateTable& parsed, const CatalogTable& table) {
    for (const auto& constraint : parsed.constraints)
      if (constraint.name) taken_.insert(*constraint.name);
    for (const auto& index : table.indexes) taken_.insert(index.name);
  }

  std::string distinct(const std::string& name) {
    if (taken_.insert(name).second) return name;
    for (int suffix = 2;; ++suffix) {
      std::string candidate = naming::fit_identifier(name + "_" + std::to_string(suffix));
      if (taken_.insert(candidate).second) return candidate;
    }
  }

 private:
  std::set<std::string> taken_;
};

std::vector<std::string> primary_key_columns(const CatalogTable& table) {
  std::vector<std::pair<int, std::string>> positioned;
  for (const auto& column : table.columns)
    if (column.primary_key_position > 0) positioned.emplace_back(column.primary_key_position, column.name);
  std::sort(positioned.begin(), positioned.end());
  std::vector<std::string> columns;
  for (auto& [position, name] : positioned) columns.push_back(std::move(name));
  return columns;
}

// SQLite makes the sole INTEGER primary key the rowid, unless the table has no rowid or the
// key was declared on the column with DESC (a documented quirk kept for compatibility).
bool is_rowid_alias(const CatalogColumn& column, const std::vector<std::string>& key_columns,
                    const parse::ParsedCreateTable& parsed) {
  bool sole = key_columns.size() == 1 && same_identifier(key_columns.front(), column.name);
  if (!is_sqlite_rowid_alias(column.declared_type, sole) || parsed.without_rowid) return false;
  for (const auto& constraint : parsed.constraints)
    if (constraint.kind == parse::ConstraintKind::primary_key && constraint.descending)
      return false;
  return true;
}

const parse::ParsedColumn* parsed_column(const parse::ParsedCreateTable& parsed, const std::string& name) {
  for (const auto& column : parsed.columns)
    if (same_identifier(column.name, name)) return &column;
  return nullptr;
}

Column build_column(const CatalogTable& table, const CatalogColumn& catalog_column,
                    const std::vector<std::string>& key_columns,
                    const parse::ParsedCreateTable& parsed) {
  Column column;
  column.name = catalog_column.name;
  column.nullable = !catalog_column.not_null;
  if (catalog_column.hidden >= 2) {
    // pragma_table_xinfo: 2 is a VIRTUAL generated column, 3 a STORED one.
    const parse::ParsedColumn* written = parsed_column(parsed, catalog_column.name);
    if (catalog_column.hidden != 3 || !written || !written->generated_stored)
      unsupported(table.name, "column \"" + catalog_column.name +
                                  "\" is a VIRTUAL generated column; the schema model holds STORED ones");
    column.generated = normalize_sql_expression(written->generated_expression);
  }
  if (catalog_column.default_expression)
    column.server_default = normalize_sql_expression(*catalog_column.default_expression);
  if (is_rowid_alias(catalog_column, key_columns, parsed)) {
    column.type.kind = TypeKind::int64;
    column.autoincrement = true;
    column.nullable = false;  // a rowid is never NULL, whatever the declaration says
    return column;
  }
  auto type = parse_sqlite_declared_type(catalog_column.declared_type);
  if (type) {
    column.type = *type;
  } else if (is_dialect_spelling(catalog_column.declared_type)) {
    // A type the model has no kind for: carried verbatim, as a model's .sqlite_type is.
    column.type.kind = TypeKind::custom;
    column.type.sqlite_type = catalog_column.declared_type;
  } else {
    unsupported(table.name, "column \"" + catalog_column.name + "\" has " +
                                (catalog_column.declared_type.empty()
                                     ? std::string("no declared type")
                                     : "the declared type '" + catalog_column.declared_type + "'") +
                                ", which maps to no schema type (see schema/sqlite_types.hpp "
                                "for the spellings introspection reads)");
  }
  return column;
}

std::vector<std::string> named_columns(const CatalogTable& table, const CatalogIndex& index,
                                       const std::string& what) {
  std::vector<std::string> columns;
  for (const auto& column : index.columns) {
    if (!column) unsupported(table.name, what + " \"" + index.name + "\" has an expression term");
    columns.push_back(*column);
  }
  return columns;
}

Index build_index(const CatalogTable& table, const CatalogIndex& catalog_index,
                  const Catalog& catalog) {
  Index index;
  index.name = catalog_index.name;
  index.unique = catalog_index.unique;

  // Only a predicate or an expression term needs the CREATE INDEX text read.
  bool has_expression = std::any_of(catalog_index.columns.begin(), catalog_index.columns.end(),
                                    [](const auto& column) { return !column; });
  std::optional<parse::ParsedCreateIndex> parsed;
  auto sql = catalog.index_sql.find(catalog_index.name);
  if ((catalog_index.partial || has_expression) && sql != catalog.index_sql.end() && sql->second)
    parsed = parse::parse_create_index(*sql->second, "index \"" + catalog_index.name + "\"");

  for (std::size_t i = 0; i < catalog_index.columns.size(); ++i) {
    if (catalog_index.columns[i]) {
      index.columns.push_back(*catalog_index.columns[i]);
    } else if (parsed && i < parsed->terms.size()) {
      // The schema model holds index terms as text: an expression keeps its SQL.
      index.columns.push_back(normalize_sql_expression(parsed->terms[i].text));
    } else {
      unsupported(table.name, "index \"" + catalog_index.name +
                                  "\" has an expression term and no CREATE INDEX text");
    }
  }
  if (catalog_index.partial) {
    if (!parsed || !parsed->where)
      unsupported(table.name, "partial index \"" + catalog_index.name +
                                  "\" has no WHERE clause in its CREATE INDEX text");
    index.where = normalize_sql_expression(*parsed->where);
  }
  return index;
}

Table build_table(const CatalogTable& catalog_table, const Catalog& catalog,
                  std::vector<IntrospectionGap>* gaps) {
  if (!catalog_table.create_sql)
    unsupported(catalog_table.name, "sqlite_schema holds no CREATE TABLE text for it");
  auto parsed = parse::parse_create_table(*catalog_table.create_sql,
                                          "table \"" + catalog_table.name + "\"");

  Table table;
  table.name = catalog_table.name;
  ConventionNames convention(parsed, catalog_table);
  auto key_columns = primary_key_columns(catalog_table);
  for (const auto& catalog_column : catalog_table.columns) {
    if (catalog_column.hidden == 1) continue;
    tolerating(gaps, table.name, [&] {
      table.columns.push_back(build_column(catalog_table, catalog_column, key_columns, parsed));
    });
  }

  if (!key_columns.empty()) {
    ParsedConstraints keys(parsed, parse::ConstraintKind::primary_key);
    const auto* written = keys.claim(key_columns);
    PrimaryKey key;
    key.name = written && written->name ? *written->name
                                         : convention.distinct(naming::primary_key(table.name));
    key.columns = key_columns;
    table.primary_key = std::move(key);
    table.sqlite_autoincrement = written && written->autoincrement;
  }

  ParsedConstraints written_foreign_keys(parsed, parse::ConstraintKind::foreign_key);
  // pragma_foreign_key_list numbers keys from the last written; claim in written order so
  // two keys on the same columns and table get their own names.
  for (auto it = catalog_table.foreign_keys.rbegin(); it != catalog_table.foreign_keys.rend(); ++it)
    tolerating(gaps, table.name, [&] {
      const auto& catalog_key = *it;
      ForeignKey key;
      key.columns = catalog_key.columns;
      key.referred_table = catalog_key.referred_table;
      for (const auto& referred : catalog_key.referred_columns) {
        if (referred) key.referred_columns.push_back(*referred);
      }
      if (key.referred_columns.size() != key.columns.size()) {
        // REFERENCES parent without a column list: the parent's primary key.
        auto parent = catalog.tables.find(catalog_key.referred_table);
        if (parent == catalog.tables.end())
          unsupported(table.name, "a foreign key refers to the primary key of \"" +
                                      catalog_key.referred_table + "\", which does not exist");
        key.referred_columns = primary_key_columns(parent->second);
      }
      key.on_delete = referential_action(table.name, catalog_key.on_delete);
      key.on_update = referential_action(table.name, catalog_key.on_update);
      const auto* written = written_foreign_keys.claim(key.columns, key.referred_table);
      key.name = written && written->name
                     ? *written->name
                     : convention.distinct(naming::foreign_key(table.name, key.columns, key.referred_table));
      table.foreign_keys.push_back(std::move(key));
    });

  ParsedConstraints written_uniques(parsed, parse::ConstraintKind::unique);
  for (const auto& catalog_index : catalog_table.indexes)
    tolerating(gaps, table.name, [&] {
      if (catalog_index.origin == "pk") return;  // the primary key's own index
      if (catalog_index.origin == "u") {
        UniqueConstraint constraint;
        constraint.columns = named_columns(catalog_table, catalog_index, "UNIQUE constraint");
        const auto* written = written_uniques.claim(constraint.columns);
        constraint.name = written && written->name
                              ? *written->name
                              : convention.distinct(naming::unique(table.name, constraint.columns));
        table.unique_constraints.push_back(std::move(constraint));
        return;
      }
      table.indexes.push_back(build_index(catalog_table, catalog_index, catalog));
    });

  int unnamed_table_checks = 0;
  for (const auto& written : parsed.constraints) {
    if (written.kind != parse::ConstraintKind::check) continue;
    CheckConstraint check;
    check.expression = normalize_sql_expression(written.check_expression);
    if (written.name)
      check.name = *written.name;
    else if (written.column)
      check.name = convention.distinct(naming::check(table.name, *written.column));
    else
      check.name = convention.distinct(naming::check(table.name, std::to_string(++unnamed_table_checks)));
    table.check_constraints.push_back(std::move(check));
  }
  if (gaps) drop_dangling_objects(table, *gaps);
  return table;
}

}  // namespace

Schema introspect_sqlite(db::Connection& connection, std::vector<IntrospectionGap>* gaps) {
  if (connection.dialect() != Dialect::sqlite)
    throw DatabaseError("introspect_sqlite needs a SQLite connection");
  Catalog catalog;
  read_create_statements(connection, catalog);
  read_columns(connection, catalog);
  read_indexes(connection, catalog);
  read_foreign_keys(connection, catalog);

  Schema schema;
  for (const auto& [name, catalog_table] : catalog.tables) {
    if (!gaps) {
      schema.tables.push_back(build_table(catalog_table, catalog, nullptr));
      continue;
    }
    // A CREATE TABLE text the parser cannot read leaves the whole table out.
    try {
      schema.tables.push_back(build_table(catalog_table, catalog, gaps));
    } catch (const UnrepresentableObject& error) {
      gaps->push_back({name, "the table is left out: " + error.description()});
    } catch (const sqlite_sql::SqliteSqlParseError& error) {
      gaps->push_back({name, std::string("the table is left out: ") + error.what()});
    }
  }
  sort_canonically(schema);
  return schema;
}

}  // namespace sqlmodel::schema
