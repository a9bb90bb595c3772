// Snapshot reading. Strict on purpose: a snapshot is reviewed and diffed, so a typo'd key, a
// duplicated name or a dangling reference is reported with the file, the JSON Pointer and the
// table or column it belongs to, rather than read as something the author did not mean.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>

#include "sqlmodel/detail/did_you_mean.hpp"
#include "schema/naming.hpp"
#include "schema/snapshot_json.hpp"

namespace sqlmodel::schema {
namespace {

using json = nlohmann::json;

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string child_path(const std::string& path, std::string_view token) {
  return path + "/" + json_pointer_token(token);
}

std::string child_path(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

std::string json_type_phrase(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: {
      // Enough of the value to recognise it, not a whole paragraph.
      constexpr std::size_t shown = 40;
      const auto& text = value.get_ref<const std::string&>();
      if (text.size() <= shown) return "a string " + value.dump();
      return "a string " + json(text.substr(0, shown)).dump(-1, ' ', false, json::error_handler_t::replace) + "...";
    }
    case json::value_t::boolean: return "a boolean";
    case json::value_t::null: return "null";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return value.type_name();
  }
}

template <typename Words>
std::string join(const Words& words) {
  std::string text;
  for (auto word : words) {
    if (!text.empty()) text += ", ";
    text += word;
  }
  return text;
}

// One position in the document: the value there, its JSON Pointer, and the object it describes
// ("column \"users.email\""), which prefixes every message about it.
class Cursor {
 public:
  Cursor(const std::string& origin, const json& value, std::string path, std::string subject)
      : origin_(origin), value_(value), path_(std::move(path)), subject_(std::move(subject)) {}

  const json& value() const { return value_; }
  const std::string& path() const { return path_; }
  const std::string& origin() const { return origin_; }

  [[noreturn]] void fail(const std::string& problem) const { fail_at_path(path_, problem); }
  [[noreturn]] void fail_at(std::string_view key, const std::string& problem) const {
    fail_at_path(child_path(path_, key), problem);
  }
  [[noreturn]] void fail_at_path(const std::string& path, const std::string& problem) const {
    throw SnapshotError(origin_, path, subject_.empty() ? problem : subject_ + ": " + problem);
  }

  Cursor describing(std::string subject) const { return Cursor(origin_, value_, path_, std::move(subject)); }

  void expect_object(std::string_view what) const {
    if (!value_.is_object())
      fail("expected " + std::string(what) + " (a JSON object), got " + json_type_phrase(value_));
  }

  void expect_keys(std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, member] : value_.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string problem = "unknown key " + in_quotes(key);
      if (auto closest = detail::closest_name(key, std::span(allowed.begin(), allowed.size()), 2))
        problem += " (did you mean " + in_quotes(*closest) + "?)";
      else
        problem += "; expected one of: " + join(allowed);
      fail_at(key, problem);
    }
  }

  bool has(std::string_view key) const { return value_.contains(key); }

  // The object's "name" when it has a usable one. Messages about the object start with it,
  // including those about its other keys, which are checked before the name itself.
  std::optional<std::string> peek_name() const {
    auto found = value_.find("name");
    if (found == value_.end() || !found->is_string() || found->get_ref<const std::string&>().empty())
      return std::nullopt;
    return found->get<std::string>();
  }

  // Checks the object's keys, then reads its name; `subject` turns the name into the phrase
  // that starts every message about the object.
  template <typename Subject>
  Cursor open(std::string_view what, std::initializer_list<std::string_view> keys,
              Subject subject, std::string& name) const {
    expect_object(what);
    auto peeked = peek_name();
    Cursor cursor = peeked ? describing(subject(*peeked)) : *this;
    cursor.expect_keys(keys);
    name = cursor.name_member("name");
    return cursor;
  }

  // The object's "name" when it is a SQL identifier, possibly written by hand: too long for
  // PostgreSQL, or holding a NUL, it is refused here, before anything runs.
  void check_identifier(std::string_view what, const std::string& name) const {
    if (auto problem = naming::identifier_problem(what, name)) fail_at("name", *problem);
  }

  Cursor member(std::string_view key) const {
    if (!has(key)) fail("missing required key " + in_quotes(key));
    return Cursor(origin_, value_.at(std::string(key)), child_path(path_, key), subject_);
  }

  std::optional<Cursor> optional_member(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    return member(key);
  }

  Cursor element(std::size_t index) const {
    return Cursor(origin_, value_.at(index), child_path(path_, index), subject_);
  }

  std::string as_string() const {
    if (!value_.is_string()) fail("expected a string, got " + json_type_phrase(value_));
    return value_.get<std::string>();
  }

  std::string as_name() const {
    auto text = as_string();
    if (text.empty()) fail("a name must not be empty");
    return text;
  }

  bool as_bool() const {
    if (!value_.is_boolean()) fail("expected true or false, got " + json_type_phrase(value_));
    return value_.get<bool>();
  }

  void expect_array() const {
    if (!value_.is_array()) fail("expected an array, got " + json_type_phrase(value_));
  }

  std::vector<std::string> as_names(bool allow_empty) const {
    expect_array();
    if (value_.empty() && !allow_empty) fail("the list must not be empty");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < value_.size(); ++i) {
      auto name = element(i).as_name();
      if (std::find(names.begin(), names.end(), name) != names.end())
        element(i).fail(in_quotes(name) + " is listed twice");
      names.push_back(std::move(name));
    }
    return names;
  }

  std::string string_member(std::string_view key) const { return member(key).as_string(); }
  std::string name_member(std::string_view key) const { return member(key).as_name(); }

  std::optional<std::string> optional_string(std::string_view key) const {
    if (auto found = optional_member(key)) return found->as_string();
    return std::nullopt;
  }

  bool optional_bool(std::string_view key) const {
    if (auto found = optional_member(key)) return found->as_bool();
    return false;
  }

  std::vector<std::string> names_member(std::string_view key) const {
    return member(key).as_names(false);
  }

  std::vector<std::string> optional_names(std::string_view key) const {
    if (auto found = optional_member(key)) return found->as_names(true);
    return {};
  }

  SourceLocation source() const {
    auto found = optional_member("source");
    if (!found) return {};
    auto text = found->as_string();
    auto location = parse_source(text);
    if (!location || location->file.empty())
      found->fail("bad source location " + in_quotes(text) + "; expected \"file:line:column\"");
    return *location;
  }

 private:
  const std::string& origin_;
  const json& value_;
  std::string path_;
  std::string subject_;
};

// ---- types ------------------------------------------------------------------------------

constexpr std::string_view type_spellings =
    "int16, int32, int64, boolean, float32, float64, string, string(n), text, blob, date, "
    "datetime, datetime_tz, interval, uuid, json, jsonb, numeric, numeric(p,s), enum(name), "
    "array(<scalar type>), each optionally followed by \"; postgresql: <type>\" and "
    "\"; sqlite: <type>\" (custom; postgresql: <type> for a type only a dialect names)";

// Why parse_type() refused `text`, in words a person can act on.
std::string type_problem(std::string_view text) {
  std::string_view element = text;
  if (text.starts_with("array(") && text.ends_with(")")) {
    element = text.substr(6, text.size() - 7);
    if (element.starts_with("array(")) return "an array's element must be a scalar type, not an array";
  }
  if (element.starts_with("string(") && element.ends_with(")"))
    return "bad type " + in_quotes(text) + ": max_length must be a positive integer";
  if (element.starts_with("numeric(") && element.ends_with(")"))
    return "bad type " + in_quotes(text) +
           ": numeric wants a positive precision and a scale between 0 and the precision";
  if (element == "enum" || element == "enum()")
    return "bad type " + in_quotes(text) + ": an enum type names its enum, as in enum(taskstatus)";
  return "unknown type " + in_quotes(text) + "; expected one of: " + std::string(type_spellings);
}

bool is_integer(TypeKind kind) {
  return kind == TypeKind::int16 || kind == TypeKind::int32 || kind == TypeKind::int64;
}

// ---- objects ----------------------------------------------------------------------------

std::string column_subject(std::string_view table, std::string_view column) {
  return "column " + in_quotes(std::string(table) + "." + std::string(column));
}

Column read_column(const Cursor& at, std::string_view table_name) {
  Column column;
  const Cursor cursor = at.open(
      "a column",
      {"name", "type", "nullable", "default", "default_factory", "server_default", "postgresql_server_default",
       "sqlite_server_default", "autoincrement", "generated", "comment", "renamed_from", "source"},
      [&](const std::string& name) {
        return table_name.empty() ? "column " + in_quotes(name) : column_subject(table_name, name);
      },
      column.name);
  cursor.check_identifier("column name", column.name);
  auto type_at = cursor.member("type");
  auto spelling = type_at.as_string();
  auto type = parse_type(spelling);
  if (!type) type_at.fail(type_problem(spelling));
  column.type = *type;
  column.nullable = cursor.member("nullable").as_bool();
  if (auto default_at = cursor.optional_member("default")) column.default_value = default_at->value().dump();
  if (auto factory_at = cursor.optional_member("default_factory")) {
    column.default_factory = factory_at->as_string();
    if (*column.default_factory != "now" && *column.default_factory != "uuid4")
      factory_at->fail("unknown default_factory " + in_quotes(*column.default_factory) +
                       "; expected one of: now, uuid4");
  }
  column.server_default = cursor.optional_string("server_default");
  column.postgresql_server_default = cursor.optional_string("postgresql_server_default");
  column.sqlite_server_default = cursor.optional_string("sqlite_server_default");
  column.autoincrement = cursor.optional_bool("autoincrement");
  if (column.autoincrement && !is_integer(column.type.kind))
    cursor.fail_at("autoincrement", "autoincrement needs an integer column, not " + spelling);
  column.generated = cursor.optional_string("generated");
  if (column.generated) {
    if (column.generated->find_first_not_of(" \t\r\n") == std::string::npos)
      cursor.fail_at("generated", "a generated column needs its expression");
    if (column.has_server_default())
      cursor.fail_at("generated", "a generated column cannot also have a server default");
    if (column.autoincrement)
      cursor.fail_at("generated", "a generated column cannot also be autoincrement");
  }
  column.comment = cursor.optional_string("comment");
  column.renamed_from = cursor.optional_string("renamed_from");
  column.source = cursor.source();
  return column;
}

ReferentialAction read_action(const Cursor& cursor, std::string_view key) {
  auto found = cursor.optional_member(key);
  if (!found) return ReferentialAction::no_action;
  auto text = found->as_string();
  auto action = referential_action_from_string(text);
  if (!action)
    found->fail("unknown " + std::string(key) + " action " + in_quotes(text) +
                "; expected one of: no_action, restrict, cascade, set_null, set_default");
  return *action;
}

constexpr std::array<std::string_view, 6> index_methods = {"btree", "hash", "gist",
                                                          "spgist", "gin", "brin"};

// Reads array `key` of the table with `read`, which gets each element's cursor.
template <typename Item, typename Read>
std::vector<Item> read_array(const Cursor& table, std::string_view key, Read read) {
  std::vector<Item> items;
  auto found = table.optional_member(key);
  if (!found) return items;
  found->expect_array();
  for (std::size_t i = 0; i < found->value().size(); ++i) items.push_back(read(found->element(i)));
  return items;
}

// Every name an object lists must be a column of its table.
void check_columns_exist(const Table& table, const Cursor& list, const std::vector<std::string>& columns) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (!table.find_column(columns[i]))
      list.element(i).fail("names column " + in_quotes(columns[i]) + ", which table " +
                           in_quotes(table.name) + " does not have");
}

// "single_table_inheritance": {"discriminator": "kind", "models": [{"identity": .., "model": ..}]}
std::optional<SingleTableInheritance> read_single_table_inheritance(const Cursor& table_cursor,
                                                                    const Table& table) {
  auto at = table_cursor.optional_member("single_table_inheritance");
  if (!at) return std::nullopt;
  at->expect_object("single-table inheritance");
  at->expect_keys({"discriminator", "models"});
  SingleTableInheritance inheritance;
  auto discriminator = at->member("discriminator");
  inheritance.discriminator = discriminator.as_name();
  const Column* column = table.find_column(inheritance.discriminator);
  if (!column)
    discriminator.fail("the discriminator names column " + in_quotes(inheritance.discriminator) +
                       ", which table " + in_quotes(table.name) + " does not have");
  if (column->type.kind != TypeKind::string && column->type.kind != TypeKind::enumeration)
    discriminator.fail("the discriminator column " + in_quotes(inheritance.discriminator) +
                       " must be a string or an enum, not " + format_type(column->type));
  auto models = at->member("models");
  models.expect_array();
  for (std::size_t i = 0; i < models.value().size(); ++i) {
    auto item = models.element(i);
    item.expect_object("a polymorphic model");
    item.expect_keys({"identity", "model", "source"});
    PolymorphicModel model;
    model.identity = item.name_member("identity");
    model.model = item.name_member("model");
    model.source = item.source();
    for (const auto& earlier : inheritance.models) {
      if (earlier.identity == model.identity)
        item.fail_at("identity", "polymorphic identity " + in_quotes(model.identity) + " is listed twice");
      if (earlier.model == model.model)
        item.fail_at("model", "model " + in_quotes(model.model) + " is listed twice");
    }
    inheritance.models.push_back(std::move(model));
  }
  return inheritance;
}

Table read_table(const Cursor& at) {
  Table table;
  const Cursor cursor = at.open(
      "a table",
      {"name", "comment", "renamed_from", "sqlite_autoincrement", "source", "columns", "primary_key",
       "foreign_keys", "unique_constraints", "check_constraints", "indexes", "relationships",
       "single_table_inheritance"},
      [](const std::string& name) { return "table " + in_quotes(name); }, table.name);
  cursor.check_identifier("table name", table.name);
  if (auto reserved = naming::reserved_table_problem(table.name)) cursor.fail_at("name", *reserved);
  table.comment = cursor.optional_string("comment");
  table.renamed_from = cursor.optional_string("renamed_from");
  table.sqlite_autoincrement = cursor.optional_bool("sqlite_autoincrement");
  table.source = cursor.source();

  auto columns = cursor.member("columns");
  columns.expect_array();
  if (columns.value().empty()) columns.fail("a table needs at least one column");
  for (std::size_t i = 0; i < columns.value().size(); ++i) {
    auto column = read_column(columns.element(i), table.name);
    if (table.find_column(column.name))
      columns.element(i).fail_at("name", "duplicate column " + in_quotes(column.name));
    table.columns.push_back(std::move(column));
  }

  auto of_table = [&](std::string kind) {
    return [&table, kind](const std::string& name) {
      return kind + " " + in_quotes(name) + " of table " + in_quotes(table.name);
    };
  };

  if (auto key_at = cursor.optional_member("primary_key")) {
    PrimaryKey key;
    auto key_cursor = key_at->open("a primary key", {"name", "columns"}, of_table("primary key"), key.name);
    key_cursor.check_identifier("primary key name", key.name);
    key.columns = key_cursor.names_member("columns");
    check_columns_exist(table, key_cursor.member("columns"), key.columns);
    table.primary_key = std::move(key);
  }

  table.foreign_keys = read_array<ForeignKey>(cursor, "foreign_keys", [&](const Cursor& item) {
    ForeignKey key;
    auto key_cursor = item.open("a foreign key",
                                {"name", "columns", "referred_table", "referred_columns",
                                 "on_delete", "on_update", "source"},
                                of_table("foreign key"), key.name);
    key_cursor.check_identifier("foreign key name", key.name);
    key.columns = key_cursor.names_member("columns");
    check_columns_exist(table, key_cursor.member("columns"), key.columns);
    key.referred_table = key_cursor.name_member("referred_table");
    key.referred_columns = key_cursor.names_member("referred_columns");
    if (key.referred_columns.size() != key.columns.size())
      key_cursor.fail_at("referred_columns",
                         std::to_string(key.columns.size()) + " column(s) refer to " +
                             std::to_string(key.referred_columns.size()) + " referred column(s)");
    key.on_delete = read_action(key_cursor, "on_delete");
    key.on_update = read_action(key_cursor, "on_update");
    key.source = key_cursor.source();
    return key;
  });

  table.unique_constraints =
      read_array<UniqueConstraint>(cursor, "unique_constraints", [&](const Cursor& item) {
        UniqueConstraint constraint;
        auto constraint_cursor = item.open("a unique constraint", {"name", "columns", "source"},
                                           of_table("unique constraint"), constraint.name);
        constraint_cursor.check_identifier("unique constraint name", constraint.name);
        constraint.columns = constraint_cursor.names_member("columns");
        check_columns_exist(table, constraint_cursor.member("columns"), constraint.columns);
        constraint.source = constraint_cursor.source();
        return constraint;
      });

  table.check_constraints =
      read_array<CheckConstraint>(cursor, "check_constraints", [&](const Cursor& item) {
        CheckConstraint constraint;
        auto constraint_cursor = item.open("a check constraint", {"name", "expression", "source"},
                                           of_table("check constraint"), constraint.name);
        constraint_cursor.check_identifier("check constraint name", constraint.name);
        auto expression = constraint_cursor.member("expression");
        constraint.expression = expression.as_string();
        if (constraint.expression.empty()) expression.fail("the expression must not be empty");
        constraint.source = constraint_cursor.source();
        return constraint;
      });

  table.indexes = read_array<Index>(cursor, "indexes", [&](const Cursor& item) {
    Index index;
    auto index_cursor = item.open("an index",
                                  {"name", "columns", "unique", "where", "method", "source"},
                                  of_table("index"), index.name);
    index_cursor.check_identifier("index name", index.name);
    index.columns = index_cursor.names_member("columns");
    check_columns_exist(table, index_cursor.member("columns"), index.columns);
    index.unique = index_cursor.optional_bool("unique");
    index.where = index_cursor.optional_string("where");
    if (auto method_at = index_cursor.optional_member("method")) {
      index.method = method_at->as_string();
      if (std::find(index_methods.begin(), index_methods.end(), *index.method) == index_methods.end())
        method_at->fail("unknown index method " + in_quotes(*index.method) +
                        "; expected one of: " + join(index_methods));
    }
    index.source = index_cursor.source();
    return index;
  });

  table.relationships = read_array<Relationship>(cursor, "relationships", [&](const Cursor& item) {
    Relationship relationship;
    auto rel = item.open("a relationship",
                         {"name", "kind", "target_table", "back_populates", "link_table",
                          "foreign_key_columns", "remote_side", "order_by", "cascade_delete",
                          "delete_orphan", "source"},
                         of_table("relationship"), relationship.name);
    auto kind_at = rel.member("kind");
    auto kind_text = kind_at.as_string();
    auto kind = relationship_kind_from_string(kind_text);
    if (!kind)
      kind_at.fail("unknown relationship kind " + in_quotes(kind_text) +
                   "; expected one of: one_to_many, many_to_one, one_to_one, many_to_many");
    relationship.kind = *kind;
    relationship.target_table = rel.name_member("target_table");
    relationship.back_populates = rel.optional_string("back_populates");
    relationship.link_table = rel.optional_string("link_table");
    if (relationship.kind == RelationshipKind::many_to_many && !relationship.link_table)
      rel.fail("a many_to_many relationship needs \"link_table\"");
    relationship.foreign_key_columns = rel.optional_names("foreign_key_columns");
    relationship.remote_side = rel.optional_names("remote_side");
    relationship.order_by = rel.optional_names("order_by");
    relationship.cascade_delete = rel.optional_bool("cascade_delete");
    relationship.delete_orphan = rel.optional_bool("delete_orphan");
    relationship.source = rel.source();
    return relationship;
  });
  for (std::size_t i = 0; i < table.relationships.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (table.relationships[i].name == table.relationships[j].name)
        cursor.fail_at_path(child_path(child_path(child_path(cursor.path(), "relationships"), i), "name"),
                            "duplicate relationship " + in_quotes(table.relationships[i].name));
  table.single_table_inheritance = read_single_table_inheritance(cursor, table);
  return table;
}

EnumType read_enum(const Cursor& at) {
  EnumType enum_type;
  const Cursor cursor = at.open("an enum", {"name", "values", "source"},
                                [](const std::string& name) { return "enum " + in_quotes(name); },
                                enum_type.name);
  cursor.check_identifier("enum type name", enum_type.name);
  enum_type.values = cursor.names_member("values");
  for (std::size_t i = 0; i < enum_type.values.size(); ++i)
    if (auto problem = naming::identifier_problem("enum value", enum_type.values[i]))
      cursor.member("values").element(i).fail(*problem);
  enum_type.source = cursor.source();
  return enum_type;
}

// ---- checks across tables ------------------------------------------------------------------

std::string table_path(std::size_t table_index) { return child_path("/tables", table_index); }

void check_unique_table_and_enum_names(const Schema& schema, const std::string& origin) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < schema.tables.size(); ++i) {
    auto [it, fresh] = seen.emplace(schema.tables[i].name, i);
    if (!fresh)
      throw SnapshotError(origin, table_path(i) + "/name",
                          "duplicate table " + in_quotes(schema.tables[i].name) + " (first at " +
                              table_path(it->second) + ")");
  }
  seen.clear();
  for (std::size_t i = 0; i < schema.enums.size(); ++i) {
    auto [it, fresh] = seen.emplace(schema.enums[i].name, i);
    if (!fresh)
      throw SnapshotError(origin, child_path("/enums", i) + "/name",
                          "duplicate enum " + in_quotes(schema.enums[i].name) + " (first at " +
                              child_path("/enums", it->second) + ")");
  }
}

void check_enum_references(const Schema& schema, const std::string& origin) {
  for (std::size_t t = 0; t < schema.tables.size(); ++t) {
    const auto& table = schema.tables[t];
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto& type = table.columns[c].type;
      bool uses_enum = type.kind == TypeKind::enumeration ||
                       (type.kind == TypeKind::array && type.element_kind == TypeKind::enumeration);
      if (uses_enum && !schema.find_enum(type.enum_name))
        throw SnapshotError(origin, child_path(child_path(table_path(t), "columns"), c) + "/type",
                            column_subject(table.name, table.columns[c].name) + ": enum " +
                                in_quotes(type.enum_name) + " is not defined under /enums");
    }
  }
}

void check_foreign_keys(const Schema& schema, const std::string& origin) {
  for (std::size_t t = 0; t < schema.tables.size(); ++t) {
    const auto& table = schema.tables[t];
    for (std::size_t k = 0; k < table.foreign_keys.size(); ++k) {
      const auto& key = table.foreign_keys[k];
      const auto key_path = child_path(child_path(table_path(t), "foreign_keys"), k);
      const auto subject = "foreign key " + in_quotes(key.name) + " of table " + in_quotes(table.name);
      const Table* referred = schema.find_table(key.referred_table);
      if (!referred)
        throw SnapshotError(origin, key_path + "/referred_table",
                            subject + ": refers to table " + in_quotes(key.referred_table) +
                                ", which the snapshot does not define");
      for (std::size_t c = 0; c < key.referred_columns.size(); ++c)
        if (!referred->find_column(key.referred_columns[c]))
          throw SnapshotError(origin, child_path(key_path + "/referred_columns", c),
                              subject + ": refers to column " +
                                  in_quotes(key.referred_table + "." + key.referred_columns[c]) +
                                  ", which table " + in_quotes(key.referred_table) + " does not have");
    }
  }
}

void check_relationships(const Schema& schema, const std::string& origin) {
  for (std::size_t t = 0; t < schema.tables.size(); ++t) {
    const auto& table = schema.tables[t];
    for (std::size_t r = 0; r < table.relationships.size(); ++r) {
      const auto& relationship = table.relationships[r];
      const auto path = child_path(child_path(table_path(t), "relationships"), r);
      const auto subject =
          "relationship " + in_quotes(relationship.name) + " of table " + in_quotes(table.name);
      const Table* target = schema.find_table(relationship.target_table);
      if (!target)
        throw SnapshotError(origin, path + "/target_table",
                            subject + ": targets table " + in_quotes(relationship.target_table) +
                                ", which the snapshot does not define");
      const Table* link = nullptr;
      if (relationship.link_table) {
        link = schema.find_table(*relationship.link_table);
        if (!link)
          throw SnapshotError(origin, path + "/link_table",
                              subject + ": link table " + in_quotes(*relationship.link_table) +
                                  " is not defined in the snapshot");
      }
      if (relationship.back_populates) {
        const auto& partners = target->relationships;
        bool found = std::any_of(partners.begin(), partners.end(), [&](const Relationship& other) {
          return other.name == *relationship.back_populates;
        });
        if (!found)
          throw SnapshotError(origin, path + "/back_populates",
                              subject + ": back_populates names relationship " +
                                  in_quotes(*relationship.back_populates) + ", which table " +
                                  in_quotes(target->name) + " does not have");
      }
      auto check_target_columns = [&](const std::vector<std::string>& columns, const char* key) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
          // order_by spells descending order with a leading "-".
          std::string_view name = columns[c];
          if (name.starts_with('-') && std::string_view(key) == "order_by") name.remove_prefix(1);
          if (!target->find_column(name))
            throw SnapshotError(origin, child_path(path + "/" + key, c),
                                subject + ": " + key + " names column " + in_quotes(name) +
                                    ", which table " + in_quotes(target->name) + " does not have");
        }
      };
      check_target_columns(relationship.remote_side, "remote_side");
      check_target_columns(relationship.order_by, "order_by");
      // The foreign key may sit on either side, or on the link table.
      for (std::size_t c = 0; c < relationship.foreign_key_columns.size(); ++c) {
        const auto& name = relationship.foreign_key_columns[c];
        if (!table.find_column(name) && !target->find_column(name) && !(link && link->find_column(name)))
          throw SnapshotError(origin, child_path(path + "/foreign_key_columns", c),
                              subject + ": foreign key column " + in_quotes(name) +
                                  " is in neither table " + in_quotes(table.name) + " nor table " +
                                  in_quotes(target->name));
      }
    }
  }
}

// PostgreSQL keeps index, primary-key and unique names in one namespace per schema, and the
// diff matches constraints by name: a name may appear once in the whole snapshot.
void check_unique_constraint_names(const Schema& schema, const std::string& origin) {
  std::map<std::string, std::string> seen;  // name -> JSON path of its first use
  auto claim = [&](const std::string& name, const std::string& path) {
    auto [it, fresh] = seen.emplace(name, path);
    if (!fresh)
      throw SnapshotError(origin, path + "/name",
                          "duplicate constraint or index name " + in_quotes(name) +
                              " (first used at " + it->second + ")");
  };
  for (std::size_t t = 0; t < schema.tables.size(); ++t) {
    const auto& table = schema.tables[t];
    const auto base = table_path(t);
    if (table.primary_key) claim(table.primary_key->name, base + "/primary_key");
    auto claim_all = [&](const auto& items, const char* key) {
      for (std::size_t i = 0; i < items.size(); ++i)
        claim(items[i].name, child_path(child_path(base, key), i));
    };
    claim_all(table.foreign_keys, "foreign_keys");
    claim_all(table.unique_constraints, "unique_constraints");
    claim_all(table.check_constraints, "check_constraints");
    claim_all(table.indexes, "indexes");
  }
}

// ---- the document -------------------------------------------------------------------------

void check_format(const Cursor& document) {
  if (!document.has("format"))
    document.fail("missing \"format\"; is this a sqlmodel schema snapshot?");
  auto format_at = document.member("format");
  const auto& format = format_at.value();
  if (!format.is_number_integer())
    format_at.fail("\"format\" must be an integer, got " + json_type_phrase(format));
  // nlohmann keeps non-negative integers unsigned, so a huge version cannot wrap around.
  if (format.is_number_unsigned() && format.get<std::uint64_t>() > std::uint64_t{snapshot_format})
    format_at.fail("format " + format.dump() +
                   " was written by a newer sqlmodel; this build reads format " +
                   std::to_string(snapshot_format));
  if (format.get<std::int64_t>() != snapshot_format)
    format_at.fail("unsupported format " + format.dump() + "; this build reads format " +
                   std::to_string(snapshot_format));
}

Schema read_document(const json& value, const std::string& origin) {
  Cursor document(origin, value, "", "");
  if (!value.is_object())
    document.fail("expected a snapshot (a JSON object) at the top level, got " + json_type_phrase(value));
  // Before the key check: a newer format may well have keys this build does not know.
  check_format(document);
  document.expect_keys({"format", "enums", "tables", "sources"});

  Schema schema;
  if (auto enums = document.optional_member("enums")) {
    enums->expect_array();
    for (std::size_t i = 0; i < enums->value().size(); ++i)
      schema.enums.push_back(read_enum(enums->element(i)));
  }
  auto tables = document.member("tables");
  tables.expect_array();
  for (std::size_t i = 0; i < tables.value().size(); ++i)
    schema.tables.push_back(read_table(tables.element(i)));
  if (auto sources = document.optional_member("sources")) {
    sources->expect_object("the model sources, file: SHA-256");
    for (const auto& [file, digest] : sources->value().items()) {
      std::string text = sources->member(file).as_string();
      if (file.empty() || text.size() != 64 || text.find_first_not_of("0123456789abcdef") != std::string::npos)
        sources->member(file).fail("expected a SHA-256 in 64 lowercase hex digits for a source file");
      schema.sources[file] = text;
    }
  }

  // The error paths below index the arrays as read: check before sorting.
  check_unique_table_and_enum_names(schema, origin);
  check_unique_constraint_names(schema, origin);
  check_enum_references(schema, origin);
  check_foreign_keys(schema, origin);
  check_relationships(schema, origin);
  sort_canonically(schema);
  return schema;
}

}  // namespace

Table table_from_json(const json& value, const std::string& origin, const std::string& json_path) {
  return read_table(Cursor(origin, value, json_path, ""));
}

Column column_from_json(const json& value, const std::string& origin, const std::string& json_path) {
  return read_column(Cursor(origin, value, json_path, ""), "");
}

Schema read_snapshot(std::string_view text, const std::string& origin) {
  try {
    return read_document(parse_json_document(text, origin, "a snapshot"), origin);
  } catch (const SnapshotError&) {
    throw;
  } catch (const json::exception& error) {
    // Every access above is checked first; this is the net under it, never a crash.
    throw SnapshotError(origin, "", std::string("cannot read the snapshot: ") + error.what());
  }
}

Schema read_snapshot_file(const std::filesystem::path& path) {
  const std::string origin = path.string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw SnapshotError(origin, "", "cannot read: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SnapshotError(origin, "", std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw SnapshotError(origin, "", std::string("cannot read: ") + std::strerror(errno));
  return read_snapshot(text.str(), origin);
}

}  // namespace sqlmodel::schema
