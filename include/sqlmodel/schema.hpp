// The schema model: the one description of a database schema that the plugin produces,
// the snapshot serialises, introspection reads back, the diff compares and the SQL
// renderers turn into DDL. No Clang, no database, no JSON dependency.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/referential_action.hpp"

namespace sqlmodel::schema {

// Dialect-neutral column types. Dialects lower them to their own spelling (see lower.hpp).
enum class TypeKind {
  int16,
  int32,
  int64,
  boolean,
  float32,
  float64,
  string,       // text, with an optional max_length
  blob,
  date,
  datetime,     // with_timezone says which flavour
  uuid,
  json,
  numeric,      // precision, scale
  enumeration,  // enum_name names a Schema::enums entry
  array,        // element_kind, plus the element's own parameters below
  text,         // TEXT on both dialects (SQLAlchemy's Text), distinct from an unbounded VARCHAR
  jsonb,        // JSONB on PostgreSQL; JSON on SQLite, which has one JSON type
  interval,     // a duration: INTERVAL on PostgreSQL; on SQLite what SQLAlchemy's Interval
                // stores, a DATETIME that many microseconds after 1970-01-01 (see lower.hpp)
  custom,       // a type only the dialect spellings below name (an introspected tsvector)
};

struct ColumnType {
  TypeKind kind = TypeKind::string;
  // string (or an array of strings): VARCHAR(n) when set, VARCHAR without.
  std::optional<int> max_length;
  // datetime (or an array of datetimes).
  bool with_timezone = false;
  // uuid on SQLite: stored as 32 hex digits, CHAR(32), as SQLAlchemy's Uuid does, instead of
  // the 36-character text (CHAR(36)). PostgreSQL's native uuid has one form: lowering drops it.
  bool uuid_hex = false;
  // numeric (or an array of numerics). Unset precision means NUMERIC without arguments.
  std::optional<int> precision;
  std::optional<int> scale;
  // enumeration (or an array of enums).
  std::string enum_name;
  // array: the element's kind; an array's element is always a scalar, never an array.
  std::optional<TypeKind> element_kind;
  // A type the model does not know (tsvector, citext, inet, a PostGIS geometry), spelled in the
  // dialect's own words and carried verbatim. On a model's column the kind above is what the
  // C++ member holds and what a dialect without a spelling of its own gets; lowered for a
  // dialect with a spelling, or introspected as a type no kind stands for, the column becomes
  // kind custom with that dialect's spelling alone (lower.hpp).
  std::optional<std::string> postgresql_type;
  std::optional<std::string> sqlite_type;

  bool operator==(const ColumnType&) const = default;
};

// "file:line:column" of the C++ declaration that produced an object; empty when unknown
// (introspected schemas, hand-written snapshots).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool empty() const { return file.empty() && line == 0 && column == 0; }
  bool operator==(const SourceLocation&) const = default;
};

struct Column {
  std::string name;
  ColumnType type;
  bool nullable = false;
  // The C++ default member initializer, as JSON text ("0", "\"draft\"", "true"). A value for
  // new objects, never rendered into DDL.
  std::optional<std::string> default_value;
  // What the application calls for a new object's value: "now" or "uuid4" (".default_factory").
  // Model-only like default_value: never rendered into DDL.
  std::optional<std::string> default_factory;
  // A SQL expression rendered as DEFAULT in the DDL (".server_default").
  std::optional<std::string> server_default;
  // A dialect's own DEFAULT where the dialects spell it differently (now() on PostgreSQL,
  // CURRENT_TIMESTAMP on SQLite): on that dialect it replaces server_default, so a column may
  // have a DEFAULT on one dialect only. Lowering for a dialect (lower.hpp) folds the dialect's
  // own into server_default and drops both, as it does with the type spellings.
  std::optional<std::string> postgresql_server_default;
  std::optional<std::string> sqlite_server_default;
  // The database assigns the value (INTEGER PRIMARY KEY on SQLite, IDENTITY on PostgreSQL).
  bool autoincrement = false;
  // A generated column: GENERATED ALWAYS AS (<expression>) STORED. The database computes the
  // value from other columns of the row; the ORM reads it and never writes it.
  std::optional<std::string> generated;
  std::optional<std::string> comment;
  // The column's previous name: migrations rename instead of drop + add.
  std::optional<std::string> renamed_from;
  SourceLocation source;

  // The DEFAULT `dialect` gives the column: its own spelling, else server_default.
  const std::optional<std::string>& server_default_on(Dialect dialect) const;
  // The three server defaults by the names of their options ("server_default",
  // "postgresql_server_default", "sqlite_server_default"), set or not.
  struct NamedServerDefault {
    std::string_view option;
    const std::optional<std::string>& sql;
  };
  std::array<NamedServerDefault, 3> named_server_defaults() const;
  // Whether some dialect gives the column a DEFAULT, and whether every dialect does.
  bool has_server_default() const;
  bool has_server_default_on_every_dialect() const;
  bool operator==(const Column&) const = default;
};

struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;

  bool operator==(const PrimaryKey&) const = default;
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string referred_table;
  std::vector<std::string> referred_columns;
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
  SourceLocation source;

  bool operator==(const ForeignKey&) const = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  SourceLocation source;

  bool operator==(const UniqueConstraint&) const = default;
};

struct CheckConstraint {
  std::string name;
  std::string expression;  // SQL boolean expression, without the CHECK ( ) around it
  SourceLocation source;

  bool operator==(const CheckConstraint&) const = default;
};

struct Index {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;
  std::optional<std::string> where;   // partial index predicate (SQL)
  std::optional<std::string> method;  // PostgreSQL access method: btree, gin, gist, hash, brin
  SourceLocation source;

  bool operator==(const Index&) const = default;
};

enum class RelationshipKind { one_to_many, many_to_one, one_to_one, many_to_many };

// An ORM-level link between two models. Relationships live only in the snapshot and the
// generated code: the database sees the foreign keys they stand on, never the relationship.
struct Relationship {
  std::string name;           // the C++ member
  RelationshipKind kind = RelationshipKind::many_to_one;
  std::string target_table;
  std::optional<std::string> back_populates;
  std::optional<std::string> link_table;  // many_to_many: the association table
  // The foreign-key columns the relationship follows (on whichever table holds them).
  std::vector<std::string> foreign_key_columns;
  std::vector<std::string> remote_side;   // self-referential many_to_one: the parent's key
  std::vector<std::string> order_by;      // column names, "-name" for descending
  bool cascade_delete = false;
  bool delete_orphan = false;
  SourceLocation source;

  bool operator==(const Relationship&) const = default;
};

// A model stored in a single-table hierarchy's table, and the discriminator value of its rows.
struct PolymorphicModel {
  std::string identity;  // the discriminator column's value (an enumerator's name for an enum)
  std::string model;     // the C++ struct's name
  SourceLocation source;

  bool operator==(const PolymorphicModel&) const = default;
};

// Single-table inheritance: several models share one table and the discriminator column
// tells each row's model (SQLAlchemy's polymorphic_on / polymorphic_identity). Like
// relationships it lives only in the snapshot and the generated code: the database sees the
// columns.
struct SingleTableInheritance {
  std::string discriminator;              // a column of the table
  std::vector<PolymorphicModel> models;   // sorted by identity; a base without one is absent

  bool operator==(const SingleTableInheritance&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;  // declaration order: it is the DDL's order too
  std::optional<PrimaryKey> primary_key;
  std::vector<ForeignKey> foreign_keys;
  std::vector<UniqueConstraint> unique_constraints;
  std::vector<CheckConstraint> check_constraints;
  std::vector<Index> indexes;
  std::vector<Relationship> relationships;
  std::optional<std::string> comment;
  std::optional<std::string> renamed_from;
  SourceLocation source;
  // Set when the table is shared by a single-table inheritance hierarchy.
  std::optional<SingleTableInheritance> single_table_inheritance;
  // SQLite: the rowid primary key is declared AUTOINCREMENT, so a deleted row's key is never
  // handed out again (SQLAlchemy's sqlite_autoincrement=True). PostgreSQL identities never
  // reuse values, so lowering for it drops the flag.
  bool sqlite_autoincrement = false;

  const Column* find_column(std::string_view column_name) const;
  Column* find_column(std::string_view column_name);
  bool operator==(const Table&) const = default;
};

struct EnumType {
  std::string name;
  std::vector<std::string> values;  // in declaration order: PostgreSQL enums are ordered
  SourceLocation source;

  bool operator==(const EnumType&) const = default;
};

struct Schema {
  std::vector<Table> tables;
  std::vector<EnumType> enums;
  // The model sources a snapshot was written from: each file under the source root that a
  // `source` location names, with the SHA-256 (hex) of the text the compiler read. Readers of
  // the snapshot compare them with the files to tell a snapshot older than its models.
  // Empty for schemas that are not snapshots of models (introspection, replayed migrations).
  std::map<std::string, std::string> sources;

  const Table* find_table(std::string_view table_name) const;
  Table* find_table(std::string_view table_name);
  const EnumType* find_enum(std::string_view enum_name) const;
  bool operator==(const Schema&) const = default;
};

// Sorts tables, enums, constraints and indexes by name (columns and enum values keep their
// order, which is meaningful). Snapshots, introspection and diffs all work on sorted schemas,
// so equal schemas compare equal and serialise to identical bytes.
void sort_canonically(Schema& schema);

// Names for the spellings used in snapshots, migration files and messages.
std::string_view to_string(TypeKind kind);
std::optional<TypeKind> type_kind_from_string(std::string_view text);
std::string_view to_string(ReferentialAction action);  // "no_action", "cascade", ...
std::optional<ReferentialAction> referential_action_from_string(std::string_view text);
std::string_view to_string(RelationshipKind kind);
std::optional<RelationshipKind> relationship_kind_from_string(std::string_view text);

// "int64", "string(255)", "numeric(10,2)", "enum(taskstatus)", "array(string(20))",
// "datetime_tz", "uuid_hex": the type spelling of snapshots and migration files. Dialect spellings follow,
// each after "; ": "string; postgresql: tsvector", "custom; postgresql: citext; sqlite: TEXT".
std::string format_type(const ColumnType& type);
// Parses format_type()'s spelling; nullopt for anything else.
std::optional<ColumnType> parse_type(std::string_view text);
// True when `spelling` can be a dialect type spelling: not empty, no semicolon or line break,
// no surrounding spaces.
bool is_dialect_spelling(std::string_view spelling);

// Every file a `source` location of the schema names, once.
std::vector<std::string> source_files(const Schema& schema);

std::string format_source(const SourceLocation& source);  // "models.hpp:12:3", "" when empty
std::optional<SourceLocation> parse_source(std::string_view text);

}  // namespace sqlmodel::schema
