// Snapshot writing: the schema as deterministic, reviewable JSON, and the file I/O around it.
// The reader lives in snapshot_reader.cpp.
#include "schema/snapshot_json.hpp"
#include "schema/naming.hpp"
#include "schema/replace_file.hpp"


namespace sqlmodel::schema {
namespace {

using ordered_json = nlohmann::ordered_json;

// An object with room for all its members. ordered_json keeps members in a vector of
// pair<const std::string, json>, which a reallocation copies rather than moves (the key is
// const): without the room, adding "indexes" to a table would copy its whole "columns" array,
// and adding "sources" to the schema every table.
ordered_json object_with_room(std::size_t members) {
  ordered_json object = ordered_json::object();
  object.get_ref<ordered_json::object_t&>().reserve(members);
  return object;
}

ordered_json string_list(const std::vector<std::string>& items) {
  ordered_json list = ordered_json::array();
  for (const auto& item : items) list.push_back(item);
  return list;
}

void put_optional(ordered_json& object, const char* key, const std::optional<std::string>& value) {
  if (value) object[key] = *value;
}

void put_flag(ordered_json& object, const char* key, bool value) {
  if (value) object[key] = true;
}

void put_list(ordered_json& object, const char* key, const std::vector<std::string>& items) {
  if (!items.empty()) object[key] = string_list(items);
}

void put_source(ordered_json& object, const SourceLocation& source) {
  if (!source.empty()) object["source"] = format_source(source);
}

// A column's default is JSON text; the snapshot embeds it as the JSON value it spells, so a
// reviewer reads `"default": "draft"` rather than an escaped string.
ordered_json default_value_json(const Column& column) {
  try {
    return ordered_json::parse(*column.default_value);
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument("column \"" + column.name + "\": default value " +
                                *column.default_value + " is not JSON text");
  }
}

template <typename Item, typename Convert>
ordered_json array_of(const std::vector<Item>& items, Convert convert) {
  ordered_json list = ordered_json::array();
  for (const auto& item : items) list.push_back(convert(item));
  return list;
}

ordered_json to_json(const PrimaryKey& key) {
  ordered_json object = object_with_room(2);
  object["name"] = key.name;
  object["columns"] = string_list(key.columns);
  return object;
}

ordered_json to_json(const ForeignKey& key) {
  ordered_json object = object_with_room(7);
  object["name"] = key.name;
  object["columns"] = string_list(key.columns);
  object["referred_table"] = key.referred_table;
  object["referred_columns"] = string_list(key.referred_columns);
  // Written even when no_action: a reviewer should never have to remember the SQL default.
  object["on_delete"] = std::string(to_string(key.on_delete));
  object["on_update"] = std::string(to_string(key.on_update));
  put_source(object, key.source);
  return object;
}

ordered_json to_json(const UniqueConstraint& constraint) {
  ordered_json object = object_with_room(3);
  object["name"] = constraint.name;
  object["columns"] = string_list(constraint.columns);
  put_source(object, constraint.source);
  return object;
}

ordered_json to_json(const CheckConstraint& constraint) {
  ordered_json object = object_with_room(3);
  object["name"] = constraint.name;
  object["expression"] = constraint.expression;
  put_source(object, constraint.source);
  return object;
}

ordered_json to_json(const Index& index) {
  ordered_json object = object_with_room(6);
  object["name"] = index.name;
  object["columns"] = string_list(index.columns);
  put_flag(object, "unique", index.unique);
  put_optional(object, "where", index.where);
  put_optional(object, "method", index.method);
  put_source(object, index.source);
  return object;
}

ordered_json to_json(const Relationship& relationship) {
  ordered_json object = object_with_room(11);
  object["name"] = relationship.name;
  object["kind"] = std::string(to_string(relationship.kind));
  object["target_table"] = relationship.target_table;
  put_optional(object, "back_populates", relationship.back_populates);
  put_optional(object, "link_table", relationship.link_table);
  put_list(object, "foreign_key_columns", relationship.foreign_key_columns);
  put_list(object, "remote_side", relationship.remote_side);
  put_list(object, "order_by", relationship.order_by);
  put_flag(object, "cascade_delete", relationship.cascade_delete);
  put_flag(object, "delete_orphan", relationship.delete_orphan);
  put_source(object, relationship.source);
  return object;
}

// Pretty printing. nlohmann's dump(2) puts every array element on its own line, which turns
// a two-column key into four lines; short lists of scalars read better inline, as a person
// would write them. Everything else matches dump(2).
constexpr std::size_t inline_array_width = 100;

bool is_scalar_array(const ordered_json& value) {
  if (!value.is_array()) return false;
  for (const auto& element : value)
    if (element.is_structured()) return false;
  return true;
}

// Writes into one string through one nlohmann serializer: dump() per scalar would build a
// serializer (a 512-byte indent buffer, the locale, a shared output adapter) for each of the
// snapshot's tens of thousands of names and flags, which was most of the plugin's time spent
// writing the snapshot. The serializer is nlohmann's own, so scalars read exactly as dump()
// spells them, and invalid UTF-8 still throws its type_error.
class Printer {
 public:
  explicit Printer(std::string& out)
      : out_(out),
        scalars_(nlohmann::detail::output_adapter<char, std::string>(out), ' ',
                 nlohmann::json::error_handler_t::strict) {}

  void print(const ordered_json& value, std::size_t indent, std::size_t line_used) {
    if (value.is_object()) {
      if (value.empty()) {
        out_ += "{}";
        return;
      }
      out_ += '{';
      for (auto member = value.begin(); member != value.end(); ++member) {
        if (member != value.begin()) out_ += ',';
        new_line(indent + 2);
        const std::size_t key_start = out_.size();
        scalar(ordered_json(member.key()));
        out_ += ": ";
        print(member.value(), indent + 2, indent + 2 + (out_.size() - key_start));
      }
      new_line(indent);
      out_ += '}';
      return;
    }
    if (value.is_array()) {
      if (value.empty()) {
        out_ += "[]";
        return;
      }
      if (is_scalar_array(value)) {
        const std::size_t start = out_.size();
        out_ += '[';
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (i > 0) out_ += ", ";
          scalar(value[i]);
        }
        out_ += ']';
        // +1 for a trailing comma.
        if (line_used + (out_.size() - start) + 1 <= inline_array_width) return;
        out_.resize(start);
      }
      out_ += '[';
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (i > 0) out_ += ',';
        new_line(indent + 2);
        print(value[i], indent + 2, indent + 2);
      }
      new_line(indent);
      out_ += ']';
      return;
    }
    scalar(value);
  }

 private:
  void scalar(const ordered_json& value) { scalars_.dump(value, false, false, 0); }
  void new_line(std::size_t indent) {
    out_ += '\n';
    out_.append(indent, ' ');
  }

  std::string& out_;
  nlohmann::detail::serializer<ordered_json> scalars_;
};

void print(const ordered_json& value, std::string& out) { Printer(out).print(value, 0, 0); }

}  // namespace

// Escaped, because what() is a C string: a NUL in a name or a path would end the message there.
SnapshotError::SnapshotError(std::string file, std::string json_path, std::string reason)
    : std::runtime_error(naming::printable(file) + ": " +
                         (json_path.empty() ? "" : naming::printable(json_path) + ": ") + naming::printable(reason)),
      file_(std::move(file)),
      json_path_(std::move(json_path)),
      reason_(std::move(reason)) {}

ordered_json to_json(const Column& column) {
  ordered_json object = object_with_room(11);
  object["name"] = column.name;
  object["type"] = format_type(column.type);
  object["nullable"] = column.nullable;
  if (column.default_value) object["default"] = default_value_json(column);
  put_optional(object, "default_factory", column.default_factory);
  put_optional(object, "server_default", column.server_default);
  put_optional(object, "postgresql_server_default", column.postgresql_server_default);
  put_optional(object, "sqlite_server_default", column.sqlite_server_default);
  put_flag(object, "autoincrement", column.autoincrement);
  put_optional(object, "generated", column.generated);
  put_optional(object, "comment", column.comment);
  put_optional(object, "renamed_from", column.renamed_from);
  put_source(object, column.source);
  return object;
}

ordered_json to_json(const Table& table) {
  ordered_json object = object_with_room(13);
  object["name"] = table.name;
  put_optional(object, "comment", table.comment);
  put_optional(object, "renamed_from", table.renamed_from);
  put_flag(object, "sqlite_autoincrement", table.sqlite_autoincrement);
  put_source(object, table.source);
  object["columns"] = array_of(table.columns, [&](const Column& column) {
    try {
      return to_json(column);
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument("table \"" + table.name + "\": " + error.what());
    }
  });
  if (table.primary_key) object["primary_key"] = to_json(*table.primary_key);
  auto put_array = [&](const char* key, const auto& items) {
    if (!items.empty())
      object[key] = array_of(items, [](const auto& item) { return to_json(item); });
  };
  put_array("foreign_keys", table.foreign_keys);
  put_array("unique_constraints", table.unique_constraints);
  put_array("check_constraints", table.check_constraints);
  put_array("indexes", table.indexes);
  put_array("relationships", table.relationships);
  if (const auto& inheritance = table.single_table_inheritance) {
    ordered_json hierarchy = object_with_room(2);
    hierarchy["discriminator"] = inheritance->discriminator;
    hierarchy["models"] = array_of(inheritance->models, [](const PolymorphicModel& model) {
      ordered_json item = object_with_room(3);
      item["identity"] = model.identity;
      item["model"] = model.model;
      put_source(item, model.source);
      return item;
    });
    object["single_table_inheritance"] = std::move(hierarchy);
  }
  return object;
}

ordered_json to_json(const EnumType& enum_type) {
  ordered_json object = object_with_room(3);
  object["name"] = enum_type.name;
  object["values"] = string_list(enum_type.values);
  put_source(object, enum_type.source);
  return object;
}

ordered_json to_json(const Schema& schema) {
  Schema sorted = schema;
  sort_canonically(sorted);
  ordered_json object = object_with_room(4);
  object["format"] = snapshot_format;
  object["enums"] = array_of(sorted.enums, [](const EnumType& e) { return to_json(e); });
  object["tables"] = array_of(sorted.tables, [](const Table& t) { return to_json(t); });
  if (!sorted.sources.empty()) {
    ordered_json sources = ordered_json::object();
    for (const auto& [file, digest] : sorted.sources) sources[file] = digest;
    object["sources"] = std::move(sources);
  }
  return object;
}

std::string format_json(const ordered_json& value) {
  std::string text;
  print(value, text);
  return text;
}

std::string write_snapshot(const Schema& schema) {
  std::string text;
  try {
    print(to_json(schema), text);
  } catch (const nlohmann::json::type_error& error) {
    // The only type error dump() raises: a name or expression that is not valid UTF-8.
    throw std::invalid_argument(std::string("cannot write the snapshot: ") + error.what());
  }
  text += '\n';
  return text;
}

void write_snapshot_file(const Schema& schema, const std::filesystem::path& path) {
  const std::string file = path.string();
  std::string text;
  try {
    text = write_snapshot(schema);
  } catch (const std::invalid_argument& error) {
    throw SnapshotError(file, "", error.what());
  }
  const std::string why = replace_file(path, text);
  if (!why.empty()) throw SnapshotError(file, "", why);
}

}  // namespace sqlmodel::schema
