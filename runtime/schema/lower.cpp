#include "schema/lower.hpp"

#include <algorithm>
#include <stdexcept>

#include "schema/naming.hpp"
#include "schema/postgres_types.hpp"
#include "schema/sqlite_types.hpp"

namespace sqlmodel::schema {
namespace {

ColumnType plain_type(TypeKind kind) {
  ColumnType type;
  type.kind = kind;
  return type;
}

bool is_integer(TypeKind kind) {
  return kind == TypeKind::int16 || kind == TypeKind::int32 || kind == TypeKind::int64;
}

std::string where(const Table& table, const Column& column) {
  return "table \"" + table.name + "\", column \"" + column.name + "\"";
}

bool is_sole_primary_key(const Table& table, const Column& column) {
  return table.primary_key && table.primary_key->columns.size() == 1 &&
         table.primary_key->columns.front() == column.name;
}

// Characters, not bytes: VARCHAR(n) counts characters on PostgreSQL, and the lowered length
// should read the same whichever dialect a user looks at.
int utf8_length(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Primary-key columns are NOT NULL in the database: PostgreSQL forces it, and the SQLite DDL
// says it explicitly (SQLite would otherwise allow NULL in a non-rowid primary key).
void make_primary_key_not_null(Table& table) {
  if (!table.primary_key) return;
  for (const auto& name : table.primary_key->columns)
    if (Column* column = table.find_column(name)) column->nullable = false;
}

void check_autoincrement(const Table& table, const Column& column, Dialect dialect) {
  if (!column.autoincrement) return;
  if (!is_integer(column.type.kind))
    throw std::invalid_argument(where(table, column) + ": autoincrement needs an integer type, not " +
                                format_type(column.type));
  if (dialect == Dialect::sqlite && !is_sole_primary_key(table, column))
    throw std::invalid_argument(where(table, column) +
                                ": SQLite assigns values only to a single-column INTEGER "
                                "PRIMARY KEY, so autoincrement needs this column to be the "
                                "whole primary key");
}

std::string enum_check_expression(Dialect dialect, const Column& column, const EnumType& type) {
  std::string expression = quote_identifier(dialect, column.name) + " IN (";
  for (std::size_t i = 0; i < type.values.size(); ++i) {
    if (i > 0) expression += ", ";
    expression += quote_literal(type.values[i]);
  }
  return expression + ")";
}

// An enum becomes VARCHAR(longest value) with a CHECK listing the values.
void lower_enum_column(const Schema& schema, Table& table, Column& column) {
  const EnumType* type = schema.find_enum(column.type.enum_name);
  if (type == nullptr)
    throw std::invalid_argument(where(table, column) + ": enum \"" + column.type.enum_name +
                                "\" is not defined in the schema");
  if (type->values.empty())
    throw std::invalid_argument("enum \"" + type->name + "\" has no values (used by " +
                                where(table, column) + ")");
  int longest = 0;
  for (const auto& value : type->values) longest = std::max(longest, utf8_length(value));

  CheckConstraint check;
  check.name = naming::enum_check(table.name, column.name);
  check.expression = enum_check_expression(Dialect::sqlite, column, *type);
  check.source = column.source;
  for (const auto& existing : table.check_constraints)
    if (existing.name == check.name)
      throw std::invalid_argument(where(table, column) + ": check constraint \"" + check.name +
                                  "\" already exists, but SQLite needs that name for the enum's "
                                  "CHECK");

  column.type = plain_type(TypeKind::string);
  column.type.max_length = longest;
  table.check_constraints.push_back(std::move(check));
}

// A column's type as `dialect` holds it: its dialect spelling when it has one (the kind that
// spelling stands for, or kind custom with the spelling), without the other dialect's.
void lower_dialect_spelling(const Table& table, const Column& column, ColumnType& type, Dialect dialect) {
  const bool sqlite = dialect == Dialect::sqlite;
  std::optional<std::string> spelling = sqlite ? type.sqlite_type : type.postgresql_type;
  (sqlite ? type.postgresql_type : type.sqlite_type).reset();
  if (!spelling) {
    if (type.kind == TypeKind::custom)
      throw std::invalid_argument(where(table, column) + ": type " + format_type(type) + " has no " +
                                  (sqlite ? "SQLite" : "PostgreSQL") + " spelling (give it ." +
                                  (sqlite ? "sqlite_type" : "postgresql_type") + ")");
    return;
  }
  std::optional<ColumnType> known;
  if (sqlite) {
    known = parse_sqlite_declared_type(*spelling);
  } else if (spelling->ends_with("[]")) {
    if ((known = parse_postgres_type(std::string_view(*spelling).substr(0, spelling->size() - 2)))) {
      known->element_kind = known->kind;
      known->kind = TypeKind::array;
    }
  } else {
    known = parse_postgres_type(*spelling);
  }
  if (known && known->kind != TypeKind::enumeration) {
    type = *known;
    return;
  }
  type = ColumnType{};
  type.kind = TypeKind::custom;
  (sqlite ? type.sqlite_type : type.postgresql_type) =
      sqlite ? *spelling : canonical_postgres_spelling(*spelling);
}

// The dialect's own DEFAULT takes the place of the shared one; the other dialect's goes, as a
// database holds one DEFAULT and introspection reports it as server_default.
void lower_server_default(Column& column, Dialect dialect) {
  column.server_default = column.server_default_on(dialect);
  column.postgresql_server_default.reset();
  column.sqlite_server_default.reset();
}

void check_sqlite_autoincrement(const Table& table) {
  if (!table.sqlite_autoincrement) return;
  const Column* key = table.primary_key && table.primary_key->columns.size() == 1
                          ? table.find_column(table.primary_key->columns.front())
                          : nullptr;
  if (!key || !key->autoincrement)
    throw std::invalid_argument("table \"" + table.name +
                                "\": SQLite's AUTOINCREMENT needs a single-column integer primary key "
                                "the database assigns (autoincrement)");
}

void lower_table_for_sqlite(const Schema& schema, Table& table) {
  check_sqlite_autoincrement(table);
  table.comment.reset();
  for (auto& index : table.indexes) index.method.reset();
  // Iterate by index: lowering an enum appends to check_constraints, not to columns, but
  // keep references stable regardless.
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    Column& column = table.columns[i];
    column.comment.reset();
    // Between the DropPrimaryKey and AddPrimaryKey of a key change (a renamed table renames
    // pk_<table>) the table has no key at all. SQLite cannot hold autoincrement there: the
    // column holds plain integers until the key is back, and the rebuild copies them as is.
    if (column.autoincrement && !table.primary_key) column.autoincrement = false;
    check_autoincrement(table, column, Dialect::sqlite);
    const bool spelled = column.type.sqlite_type.has_value();
    lower_dialect_spelling(table, column, column.type, Dialect::sqlite);
    if (column.autoincrement) column.type = plain_type(TypeKind::int64);
    if (spelled) continue;
    if (column.type.kind == TypeKind::enumeration) {
      lower_enum_column(schema, table, column);
    } else if (column.type.kind == TypeKind::array || column.type.kind == TypeKind::jsonb) {
      // SQLite has one JSON type.
      column.type = plain_type(TypeKind::json);
    } else if (column.type.kind == TypeKind::interval) {
      // What SQLAlchemy's Interval stores where there is no INTERVAL: a DATETIME that far
      // after the epoch (value_codec.hpp writes and reads it).
      column.type = plain_type(TypeKind::datetime);
    }
  }
}

bool uses_enum(const ColumnType& type) {
  return type.kind == TypeKind::enumeration ||
         (type.kind == TypeKind::array && type.element_kind == TypeKind::enumeration);
}

void lower_table_for_postgres(const Schema& schema, Table& table) {
  // btree is the method every CREATE INDEX gets when none is named, so the catalog cannot tell
  // an explicit btree from the default: both lower to "no method".
  for (auto& index : table.indexes)
    if (index.method == "btree") index.method.reset();
  table.sqlite_autoincrement = false;
  for (auto& column : table.columns) {
    check_autoincrement(table, column, Dialect::postgresql);
    lower_dialect_spelling(table, column, column.type, Dialect::postgresql);
    column.type.uuid_hex = false;  // the native uuid has one form
    if (uses_enum(column.type) && schema.find_enum(column.type.enum_name) == nullptr)
      throw std::invalid_argument(where(table, column) + ": enum \"" + column.type.enum_name +
                                  "\" is not defined in the schema");
    // An identity column is NOT NULL whatever the DDL says.
    if (column.autoincrement) column.nullable = false;
  }
}

}  // namespace

Schema lower_for_dialect(const Schema& schema, Dialect dialect) {
  Schema lowered = schema;
  for (auto& table : lowered.tables) {
    make_primary_key_not_null(table);
    for (auto& column : table.columns) lower_server_default(column, dialect);
    if (dialect == Dialect::sqlite)
      lower_table_for_sqlite(schema, table);
    else
      lower_table_for_postgres(schema, table);
  }
  if (dialect == Dialect::sqlite) lowered.enums.clear();
  sort_canonically(lowered);
  return lowered;
}

Schema database_view(const Schema& schema) {
  Schema view = schema;
  view.sources.clear();
  for (auto& table : view.tables) {
    table.relationships.clear();
    table.single_table_inheritance.reset();
    table.renamed_from.reset();
    table.source = {};
    for (auto& column : table.columns) {
      column.default_value.reset();
      column.default_factory.reset();
      column.renamed_from.reset();
      column.source = {};
    }
    for (auto& key : table.foreign_keys) key.source = {};
    for (auto& unique : table.unique_constraints) unique.source = {};
    for (auto& check : table.check_constraints) check.source = {};
    for (auto& index : table.indexes) index.source = {};
  }
  for (auto& type : view.enums) type.source = {};
  sort_canonically(view);
  return view;
}

const CheckConstraint* find_not_null_check(const Table& table, std::string_view column) {
  const std::string wanted = normalize_sql_expression(quote_identifier(Dialect::postgresql, column) + " IS NOT NULL");
  auto found = std::find_if(table.check_constraints.begin(), table.check_constraints.end(),
                            [&](const CheckConstraint& check) { return normalize_sql_expression(check.expression) == wanted; });
  return found == table.check_constraints.end() ? nullptr : &*found;
}

void normalize_expressions(Schema& schema) {
  for (auto& table : schema.tables) {
    for (auto& column : table.columns) {
      if (column.server_default) column.server_default = normalize_sql_expression(*column.server_default);
      if (column.generated) column.generated = normalize_sql_expression(*column.generated);
    }
    for (auto& check : table.check_constraints)
      check.expression = normalize_sql_expression(check.expression);
    for (auto& index : table.indexes)
      if (index.where) index.where = normalize_sql_expression(*index.where);
  }
}

}  // namespace sqlmodel::schema
