// PostgreSQL introspection: the connection's current schema (the first existing schema on its
// search_path) read from the system catalogs into the schema model, with one query per kind
// of object -- tables, columns, constraints, indexes, enums -- whatever the number of tables.
//
// Column types come back through format_type(), the catalog's own canonical spelling
// ("character varying(20)", "timestamp with time zone", "numeric(10,2)"), and are mapped back
// to the dialect-neutral kinds; expressions (defaults, checks, index predicates) come back
// through pg_get_expr() and are normalised with normalize_sql_expression. Lists that belong to
// one object (a constraint's columns, an enum's labels) arrive as json_agg() arrays, so names
// with quotes, commas or braces need no array-literal parsing.
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "live_schema/introspect.hpp"
#include "schema/naming.hpp"
#include "schema/lower.hpp"
#include "schema/postgres_types.hpp"

namespace sqlmodel::schema {
namespace {

// The migration runner's bookkeeping table belongs to the tool, not to the user's schema.
constexpr std::string_view runner_version_table = naming::version_table;

// Every query below takes the schema name as $1; those over tables take the skipped table as $2.
constexpr std::string_view namespace_filter =
    "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)";

// Ordinary and partitioned tables; partitions are reached through their parent.
constexpr std::string_view user_table_filter =
    "c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $2";

std::string tables_query() {
  return "SELECT c.relname, pg_catalog.obj_description(c.oid, 'pg_class') "
         "FROM pg_catalog.pg_class c "
         "WHERE c.relnamespace = " + std::string(namespace_filter) +
         " AND " + std::string(user_table_filter) +
         " ORDER BY c.relname";
}

// For an array column, the element's own format_type (the column's typmod is the element's,
// so "character varying(20)[]" gives "character varying(20)"), and the enum name of the
// column's type or of its element.
std::string columns_query() {
  return "SELECT c.relname, a.attname, "
         "  pg_catalog.format_type(a.atttypid, a.atttypmod), "
         "  t.typcategory = 'A', "
         "  pg_catalog.format_type(CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END, "
         "                         a.atttypmod), "
         "  CASE WHEN base.typtype = 'e' THEN base.typname END, "
         "  a.attnotnull, a.attidentity <> '', a.attgenerated, "
         "  pg_catalog.pg_get_expr(d.adbin, d.adrelid), "
         "  pg_catalog.col_description(c.oid, a.attnum) "
         "FROM pg_catalog.pg_attribute a "
         "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
         "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
         "JOIN pg_catalog.pg_type base "
         "  ON base.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END "
         "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
         "WHERE c.relnamespace = " + std::string(namespace_filter) +
         " AND " + std::string(user_table_filter) +
         " AND a.attnum > 0 AND NOT a.attisdropped "
         "ORDER BY c.relname, a.attnum";
}

// conkey/confkey mapped to names in key order (WITH ORDINALITY keeps a composite key's order,
// which is meaningful and pairs each column with its referred column).
std::string constraints_query() {
  return "SELECT c.relname, con.conname, con.contype, "
         "  (SELECT json_agg(a.attname ORDER BY k.position) "
         "     FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position) "
         "     JOIN pg_catalog.pg_attribute a "
         "       ON a.attrelid = con.conrelid AND a.attnum = k.attnum), "
         "  referred.relname, "
         "  (SELECT json_agg(a.attname ORDER BY k.position) "
         "     FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position) "
         "     JOIN pg_catalog.pg_attribute a "
         "       ON a.attrelid = con.confrelid AND a.attnum = k.attnum), "
         "  con.confdeltype, con.confupdtype, "
         "  CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END "
         "FROM pg_catalog.pg_constraint con "
         "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
         "LEFT JOIN pg_catalog.pg_class referred ON referred.oid = con.confrelid "
         "WHERE c.relnamespace = " + std::string(namespace_filter) +
         " AND " + std::string(user_table_filter) +
         " AND con.contype IN ('p', 'u', 'c', 'f') "
         "ORDER BY c.relname, con.conname";
}

// Indexes that back a primary key, unique or exclusion constraint belong to the constraint.
// Only the key columns (indnkeyatts), not INCLUDE columns; attnum 0 marks an expression,
// reported as NULL so the reader can refuse it by name.
std::string indexes_query() {
  return "SELECT c.relname, i.relname, ix.indisunique, am.amname, "
         "  pg_catalog.pg_get_expr(ix.indpred, ix.indrelid), "
         "  (SELECT json_agg(a.attname ORDER BY k.position) "
         "     FROM unnest(ix.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, position) "
         "     LEFT JOIN pg_catalog.pg_attribute a "
         "       ON a.attrelid = ix.indrelid AND a.attnum = k.attnum "
         "     WHERE k.position <= ix.indnkeyatts) "
         "FROM pg_catalog.pg_index ix "
         "JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid "
         "JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid "
         "JOIN pg_catalog.pg_am am ON am.oid = i.relam "
         "WHERE c.relnamespace = " + std::string(namespace_filter) +
         " AND " + std::string(user_table_filter) +
         " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
         "                 WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid "
         "                   AND con.contype IN ('p', 'u', 'x')) "
         "ORDER BY c.relname, i.relname";
}

std::string enums_query() {
  return "SELECT t.typname, json_agg(e.enumlabel ORDER BY e.enumsortorder) "
         "FROM pg_catalog.pg_type t "
         "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid "
         "WHERE t.typnamespace = " + std::string(namespace_filter) +
         " GROUP BY t.typname ORDER BY t.typname";
}

std::string sql_name(std::string_view name) { return quote_identifier(Dialect::postgresql, name); }

// Something the schema model cannot hold: an error naming it, or a gap of a tolerant run.
[[noreturn]] void fail(const std::string& schema_name, const std::string& what) {
  throw UnrepresentableObject("introspecting PostgreSQL schema " + sql_name(schema_name) + ": " + what, what);
}

const std::string& text(const db::Row& row, std::size_t index) {
  static const std::string empty;
  return row.at(index) ? *row[index] : empty;
}
std::optional<std::string> optional_text(const db::Row& row, std::size_t index) {
  return row.at(index);
}
bool flag(const db::Row& row, std::size_t index) { return text(row, index) == "t"; }

std::vector<std::string> name_list(const db::Row& row, std::size_t index) {
  if (!row.at(index)) return {};
  return nlohmann::json::parse(*row[index]).get<std::vector<std::string>>();
}

// Columns: relname, attname, type, is_array, element type, enum name, not null, identity,
// generated, default expression, comment.
Column read_column(const db::Row& row, const std::string& schema_name) {
  Column column;
  column.name = text(row, 1);
  const std::string& type_spelling = text(row, 2);
  const bool is_array = flag(row, 3);
  auto where = [&] { return "column " + sql_name(text(row, 0)) + "." + sql_name(column.name); };

  auto scalar = parse_postgres_type(is_array ? text(row, 4) : type_spelling, text(row, 5));
  if (!scalar) {
    // A type no kind stands for (tsvector, citext, a domain, a PostGIS geometry): carried
    // verbatim in format_type()'s spelling, as a model's .postgresql_type is lowered.
    column.type.kind = TypeKind::custom;
    column.type.postgresql_type = canonical_postgres_spelling(type_spelling);
  } else if (is_array) {
    column.type = *scalar;
    column.type.element_kind = scalar->kind;
    column.type.kind = TypeKind::array;
  } else {
    column.type = *scalar;
  }

  column.nullable = !flag(row, 6);
  const std::string& generated = text(row, 8);
  if (!generated.empty() && generated != "s")
    fail(schema_name, where() + " is a virtual generated column; the schema model holds STORED ones");
  column.autoincrement = flag(row, 7);
  if (auto expression = optional_text(row, 9)) {
    if (!generated.empty())
      column.generated = normalize_sql_expression(*expression);
    // A serial column: the default draws from the column's own sequence.
    else if (expression->starts_with("nextval("))
      column.autoincrement = true;
    else
      column.server_default = normalize_sql_expression(*expression);
  }
  column.comment = optional_text(row, 10);
  return column;
}

ReferentialAction referential_action(const std::string& code, const std::string& schema_name,
                                     const std::string& constraint) {
  if (code == "a") return ReferentialAction::no_action;
  if (code == "r") return ReferentialAction::restrict;
  if (code == "c") return ReferentialAction::cascade;
  if (code == "n") return ReferentialAction::set_null;
  if (code == "d") return ReferentialAction::set_default;
  fail(schema_name, "foreign key " + sql_name(constraint) + " has unknown referential action '" +
                        code + "'");
}

// Constraints: relname, conname, contype, columns, referred table, referred columns,
// on delete, on update, check expression.
void add_constraint(Table& table, const db::Row& row, const std::string& schema_name) {
  const std::string& name = text(row, 1);
  const std::string& kind = text(row, 2);
  if (kind == "p") {
    table.primary_key = PrimaryKey{name, name_list(row, 3)};
  } else if (kind == "u") {
    UniqueConstraint unique;
    unique.name = name;
    unique.columns = name_list(row, 3);
    table.unique_constraints.push_back(std::move(unique));
  } else if (kind == "f") {
    ForeignKey key;
    key.name = name;
    key.columns = name_list(row, 3);
    key.referred_table = text(row, 4);
    key.referred_columns = name_list(row, 5);
    key.on_delete = referential_action(text(row, 6), schema_name, name);
    key.on_update = referential_action(text(row, 7), schema_name, name);
    table.foreign_keys.push_back(std::move(key));
  } else if (kind == "c") {
    CheckConstraint check;
    check.name = name;
    check.expression = normalize_sql_expression(text(row, 8));
    table.check_constraints.push_back(std::move(check));
  }
}

// Indexes: relname, index name, unique, access method, predicate, columns (null entries for
// expressions).
Index read_index(const db::Row& row, const std::string& schema_name) {
  Index index;
  index.name = text(row, 1);
  index.unique = flag(row, 2);
  // btree is the default every CREATE INDEX gets; the model records only a chosen method.
  if (text(row, 3) != "btree") index.method = text(row, 3);
  if (auto predicate = optional_text(row, 4)) index.where = normalize_sql_expression(*predicate);
  auto columns = nlohmann::json::parse(text(row, 5));
  for (const auto& column : columns) {
    if (column.is_null())
      fail(schema_name, "index " + sql_name(index.name) + " on " + sql_name(text(row, 0)) +
                            " indexes an expression, which the schema model cannot represent");
    index.columns.push_back(column.get<std::string>());
  }
  return index;
}

}  // namespace

Schema introspect_postgres(db::Connection& connection, std::vector<IntrospectionGap>* gaps) {
  auto current = connection.query("SELECT current_schema()");
  if (current.rows.empty() || !current.rows[0].at(0))
    throw DatabaseError(
        "introspecting PostgreSQL: no current schema: none of the schemas on the search_path "
        "exists (SHOW search_path)");
  const std::string schema_name = *current.rows[0][0];
  const std::vector<db::Value> params = {schema_name, std::string(runner_version_table)};

  Schema schema;
  // Rows of later queries find their table by name; a table created between two queries is
  // not in the first list and its rows are ignored, so the result is always self-consistent.
  std::map<std::string, Table, std::less<>> tables;
  for (const auto& row : connection.query(tables_query(), params).rows) {
    Table table;
    table.name = text(row, 0);
    table.comment = optional_text(row, 1);
    tables.emplace(table.name, std::move(table));
  }
  auto table_of = [&](const db::Row& row) -> Table* {
    auto found = tables.find(text(row, 0));
    return found == tables.end() ? nullptr : &found->second;
  };

  for (const auto& row : connection.query(columns_query(), params).rows)
    if (Table* table = table_of(row))
      tolerating(gaps, table->name, [&] { table->columns.push_back(read_column(row, schema_name)); });
  for (const auto& row : connection.query(constraints_query(), params).rows)
    if (Table* table = table_of(row))
      tolerating(gaps, table->name, [&] { add_constraint(*table, row, schema_name); });
  for (const auto& row : connection.query(indexes_query(), params).rows)
    if (Table* table = table_of(row))
      tolerating(gaps, table->name, [&] { table->indexes.push_back(read_index(row, schema_name)); });
  if (gaps)
    for (auto& [name, table] : tables) drop_dangling_objects(table, *gaps);
  for (const auto& row : connection.query(enums_query(), {schema_name}).rows)
    schema.enums.push_back(EnumType{text(row, 0), name_list(row, 1), {}});

  for (auto& [name, table] : tables) schema.tables.push_back(std::move(table));
  sort_canonically(schema);
  return schema;
}

}  // namespace sqlmodel::schema
