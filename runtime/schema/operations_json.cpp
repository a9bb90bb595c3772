#include "schema/operations_json.hpp"
#include "schema/naming.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "sqlmodel/detail/did_you_mean.hpp"

namespace sqlmodel::schema {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// The "op" spelling of each alternative, in the variant's order.
constexpr std::array<std::string_view, std::variant_size_v<Operation>> operation_names{
    "create_table",         "drop_table",            "rename_table",
    "add_column",           "drop_column",           "rename_column",
    "alter_column",         "create_index",          "drop_index",
    "add_primary_key",      "drop_primary_key",      "add_unique_constraint",
    "drop_unique_constraint", "add_check_constraint", "drop_check_constraint",
    "add_foreign_key",      "drop_foreign_key",      "create_enum",
    "drop_enum",            "add_enum_value",        "remove_enum_value",
    "alter_table_metadata", "sql",                   "rename_index",
    "rename_constraint",    "validate_constraint",   "create_sync_trigger",
    "drop_sync_trigger",    "backfill",
};

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// ---- table parts -------------------------------------------------------------------------
//
// snapshot_json.hpp exports the spelling of whole tables and columns; an index or constraint
// is written and read as the single entry of a stand-in table, so its spelling and its checks
// are the snapshot's own, never a second copy of them.

// Where a part sits in the stand-in table, as the snapshot spells it.
struct PartSlot {
  const char* table_key;  // "indexes", "primary_key", ...
  bool is_list;
};

template <typename Part>
PartSlot slot_of();
template <> PartSlot slot_of<Index>() { return {"indexes", true}; }
template <> PartSlot slot_of<PrimaryKey>() { return {"primary_key", false}; }
template <> PartSlot slot_of<UniqueConstraint>() { return {"unique_constraints", true}; }
template <> PartSlot slot_of<CheckConstraint>() { return {"check_constraints", true}; }
template <> PartSlot slot_of<ForeignKey>() { return {"foreign_keys", true}; }

template <typename Part>
void place(Table& table, const Part& part) {
  if constexpr (std::is_same_v<Part, Index>) table.indexes.push_back(part);
  if constexpr (std::is_same_v<Part, PrimaryKey>) table.primary_key = part;
  if constexpr (std::is_same_v<Part, UniqueConstraint>) table.unique_constraints.push_back(part);
  if constexpr (std::is_same_v<Part, CheckConstraint>) table.check_constraints.push_back(part);
  if constexpr (std::is_same_v<Part, ForeignKey>) table.foreign_keys.push_back(part);
}

template <typename Part>
const Part& taken(const Table& table) {
  if constexpr (std::is_same_v<Part, Index>) return table.indexes.at(0);
  if constexpr (std::is_same_v<Part, PrimaryKey>) return *table.primary_key;
  if constexpr (std::is_same_v<Part, UniqueConstraint>) return table.unique_constraints.at(0);
  if constexpr (std::is_same_v<Part, CheckConstraint>) return table.check_constraints.at(0);
  if constexpr (std::is_same_v<Part, ForeignKey>) return table.foreign_keys.at(0);
}

template <typename Part>
ordered_json part_to_json(const std::string& table_name, const Part& part) {
  Table stand_in;
  stand_in.name = table_name;
  place(stand_in, part);
  auto slot = slot_of<Part>();
  auto table_json = to_json(stand_in);
  return slot.is_list ? table_json[slot.table_key][0] : table_json[slot.table_key];
}

// A JSON Pointer no real document uses, so its errors can be told from the caller's.
const std::string stand_in_path = "/\x1fstand-in";

template <typename Part>
Part part_from_json(const json& value, const std::string& table_name, const std::string& origin,
                    const std::string& json_path) {
  auto slot = slot_of<Part>();
  json stand_in = json::object();
  stand_in["name"] = table_name;
  // The columns the part names, so the snapshot's "names a column of its table" check passes
  // and only the part's own problems are reported.
  json columns = json::array();
  std::vector<std::string> seen;
  if (value.is_object() && value.contains("columns") && value["columns"].is_array())
    for (const auto& name : value["columns"])
      if (name.is_string() && !name.get<std::string>().empty() &&
          std::find(seen.begin(), seen.end(), name.get<std::string>()) == seen.end()) {
        seen.push_back(name.get<std::string>());
        columns.push_back({{"name", name}, {"type", "int64"}, {"nullable", true}});
      }
  if (columns.empty()) columns.push_back({{"name", "\x1f"}, {"type", "int64"}, {"nullable", true}});
  stand_in["columns"] = columns;
  stand_in[slot.table_key] = slot.is_list ? json::array({value}) : value;
  const std::string part_path = stand_in_path + "/" + slot.table_key + (slot.is_list ? "/0" : "");
  try {
    return taken<Part>(table_from_json(stand_in, origin, stand_in_path));
  } catch (const SnapshotError& error) {
    std::string path = error.json_path();
    if (path.starts_with(part_path))
      path = json_path + path.substr(part_path.size());
    else
      path = json_path;
    throw SnapshotError(origin, path, error.reason());
  }
}

// ---- reading -----------------------------------------------------------------------------

std::string type_phrase(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::null: return "null";
    default: return "a number";
  }
}

// One operation object being read: its JSON, its pointer, and what to call it in messages.
class OperationReader {
 public:
  OperationReader(const json& value, const std::string& origin, std::string path)
      : value_(value), origin_(origin), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& problem) const { throw SnapshotError(origin_, path_, problem); }
  [[noreturn]] void fail_at(std::string_view key, const std::string& problem) const {
    throw SnapshotError(origin_, child(key), problem);
  }

  std::string child(std::string_view key) const { return path_ + "/" + json_pointer_token(key); }

  void expect_keys(std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, member] : value_.items()) {
      if (key == "op" || std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string expected = "\"op\"";
      for (auto name : allowed) expected += ", " + in_quotes(name);
      fail_at(key, "unknown key " + in_quotes(key) + " for a " + op_ + " operation; expected: " + expected);
    }
  }

  const json& member(std::string_view key) const {
    auto found = value_.find(std::string(key));
    if (found == value_.end()) fail("a " + op_ + " operation needs " + in_quotes(key));
    return *found;
  }

  std::string name(std::string_view key) const {
    const json& found = member(key);
    if (!found.is_string()) fail_at(key, "expected a name (a string), got " + type_phrase(found));
    auto text = found.get<std::string>();
    if (text.empty()) fail_at(key, "a name must not be empty");
    return text;
  }

  // A name that is a SQL identifier (a table, column, enum or enum value): too long for
  // PostgreSQL, or holding a NUL, it is refused here, before anything runs.
  std::string identifier(std::string_view key, std::string_view what) const {
    std::string text = name(key);
    if (auto problem = naming::identifier_problem(what, text)) fail_at(key, *problem);
    return text;
  }

  std::optional<std::string> optional_string(std::string_view key) const {
    if (!value_.contains(key)) return std::nullopt;
    const json& found = value_.at(std::string(key));
    if (!found.is_string()) fail_at(key, "expected a string, got " + type_phrase(found));
    return found.get<std::string>();
  }

  std::size_t index(std::string_view key) const {
    const json& found = member(key);
    if (!found.is_number_unsigned() && !(found.is_number_integer() && found.get<std::int64_t>() >= 0))
      fail_at(key, "expected a position (an integer from 0), got " + type_phrase(found));
    return found.get<std::size_t>();
  }

  std::optional<std::size_t> optional_index(std::string_view key) const {
    if (!value_.contains(key)) return std::nullopt;
    return index(key);
  }

  // A flag that is false when absent.
  bool flag(std::string_view key) const {
    if (!value_.contains(key)) return false;
    const json& found = value_.at(std::string(key));
    if (!found.is_boolean()) fail_at(key, "expected true or false, got " + type_phrase(found));
    return found.get<bool>();
  }

  std::optional<std::string> optional_name(std::string_view key) const {
    if (!value_.contains(key)) return std::nullopt;
    return name(key);
  }

  // {"column": "SQL expression", ...} at `at` (a pointer below this operation).
  std::map<std::string, std::string> assignments(const json& object, const std::string& at) const {
    if (!object.is_object() || object.empty())
      throw SnapshotError(origin_, at, "expected an object of column -> SQL expression, got " +
                                           (object.is_object() ? std::string("an empty object") : type_phrase(object)));
    std::map<std::string, std::string> result;
    for (const auto& [column, expression] : object.items()) {
      const std::string path = at + "/" + json_pointer_token(column);
      if (column.empty()) throw SnapshotError(origin_, path, "a column name must not be empty");
      if (!expression.is_string() || expression.get<std::string>().empty())
        throw SnapshotError(origin_, path, "expected a SQL expression (a non-empty string)");
      result[column] = expression.get<std::string>();
    }
    return result;
  }

  Backfill backfill() const {
    Backfill step;
    step.table = identifier("table", "table name");
    step.description = optional_string("description").value_or("");
    if (value_.contains("set")) step.set = assignments(value_.at("set"), child("set"));
    if (value_.contains("dialects")) {
      const json& dialects = value_.at("dialects");
      if (!dialects.is_object())
        fail_at("dialects", "expected an object of dialect -> {column: SQL}, got " + type_phrase(dialects));
      for (const auto& [name, sets] : dialects.items()) {
        auto dialect = dialect_from_string(name);
        const std::string at = child("dialects") + "/" + json_pointer_token(name);
        if (!dialect)
          throw SnapshotError(origin_, at, "unknown dialect " + in_quotes(name) + "; expected sqlite or postgresql");
        step.dialect_set[*dialect] = assignments(sets, at);
      }
    }
    if (step.set.empty() && step.dialect_set.empty()) fail("a backfill operation needs \"set\" or \"dialects\"");
    if (auto where = optional_string("where")) {
      if (where->empty()) fail_at("where", "an empty condition; leave \"where\" out to update every row");
      step.where = *where;
    }
    if (value_.contains("batch_size")) {
      const json& size = value_.at("batch_size");
      if (!size.is_number_integer() || size.get<std::int64_t>() < 1 ||
          size.get<std::int64_t>() > static_cast<std::int64_t>(Backfill::max_batch_size))
        fail_at("batch_size", "expected a number of rows from 1 to " + std::to_string(Backfill::max_batch_size));
      step.batch_size = size.get<std::size_t>();
    }
    if (value_.contains("pause")) {
      auto pause = optional_string("pause");
      auto milliseconds = parse_duration_ms(*pause);
      if (!milliseconds || *milliseconds > Backfill::max_pause_ms)
        fail_at("pause", "expected a duration up to " + format_duration_ms(Backfill::max_pause_ms) +
                             " such as \"10ms\" or \"1s\", got " + in_quotes(*pause));
      step.pause_ms = *milliseconds;
    }
    return step;
  }

  Column column(std::string_view key) const { return column_from_json(member(key), origin_, child(key)); }

  Table table(std::string_view key) const { return table_from_json(member(key), origin_, child(key)); }

  template <typename Part>
  Part part(std::string_view key, const std::string& table) const {
    return part_from_json<Part>(member(key), table, origin_, child(key));
  }

  EnumType enum_type(std::string_view key) const {
    const json& found = member(key);
    // The snapshot reads enums only inside a document: read this one as a document's only enum.
    json document = {{"format", snapshot_format}, {"enums", json::array({found})}, {"tables", json::array()}};
    try {
      return read_snapshot(document.dump(), origin_).enums.at(0);
    } catch (const SnapshotError& error) {
      const std::string inner = "/enums/0";
      std::string path = error.json_path().starts_with(inner)
                             ? child(key) + error.json_path().substr(inner.size())
                             : child(key);
      throw SnapshotError(origin_, path, error.reason());
    }
  }

  SqlStep sql_step() const {
    SqlStep step;
    step.sql = optional_string("sql").value_or("");
    step.description = optional_string("description").value_or("");
    if (value_.contains("dialects")) {
      const json& dialects = value_.at("dialects");
      if (!dialects.is_object())
        fail_at("dialects", "expected an object of dialect -> SQL, got " + type_phrase(dialects));
      for (const auto& [name, sql] : dialects.items()) {
        auto dialect = dialect_from_string(name);
        const std::string at = child("dialects") + "/" + json_pointer_token(name);
        if (!dialect)
          throw SnapshotError(origin_, at, "unknown dialect " + in_quotes(name) + "; expected sqlite or postgresql");
        if (!sql.is_string()) throw SnapshotError(origin_, at, "expected SQL text, got " + type_phrase(sql));
        step.dialect_sql[*dialect] = sql.get<std::string>();
      }
    }
    if (step.sql.empty() && step.dialect_sql.empty())
      fail("a sql operation needs \"sql\" or \"dialects\"");
    return step;
  }

  void set_op(std::string op) { op_ = std::move(op); }

 private:
  const json& value_;
  const std::string& origin_;
  std::string path_;
  std::string op_ = "migration";
};

std::string unknown_op_problem(const std::string& op) {
  std::string problem = "unknown operation " + in_quotes(op);
  if (auto closest = detail::closest_name(op, operation_names, 3))
    return problem + " (did you mean " + in_quotes(*closest) + "?)";
  problem += "; expected one of: ";
  for (std::size_t i = 0; i < operation_names.size(); ++i)
    problem += (i ? ", " : "") + std::string(operation_names[i]);
  return problem;
}

Operation read_operation(const OperationReader& at, std::string_view op) {
  auto table_op = [&](std::string_view part_key, std::string_view option = {}) {
    if (option.empty())
      at.expect_keys({"table", part_key});
    else
      at.expect_keys({"table", part_key, option});
    return at.identifier("table", "table name");
  };
  if (op == "create_table" || op == "drop_table") {
    at.expect_keys({"table"});
    Table table = at.table("table");
    if (op == "create_table") {
      if (auto reserved = naming::reserved_table_problem(table.name)) at.fail_at("table", *reserved);
      return CreateTable{std::move(table)};
    }
    return DropTable{std::move(table)};
  }
  if (op == "rename_table") {
    at.expect_keys({"from", "to"});
    const auto from = at.identifier("from", "table name");
    auto to = at.identifier("to", "table name");
    if (auto reserved = naming::reserved_table_problem(to)) at.fail_at("to", *reserved);
    return RenameTable{from, to};
  }
  if (op == "add_column") {
    at.expect_keys({"table", "column", "position", "fill_existing_rows"});
    auto table = at.identifier("table", "table name");
    Column column = at.column("column");
    auto position = at.optional_index("position");
    bool fill = at.flag("fill_existing_rows");
    if (fill && !can_fill_from_model_default(column))
      at.fail_at("fill_existing_rows", "the column must be NOT NULL, without a server default on some dialect, with a model default "
                                       "(\"default\" or \"default_factory\") to fill the rows from");
    return AddColumn{table, std::move(column), position, fill};
  }
  if (op == "drop_column") {
    at.expect_keys({"table", "column", "position"});
    auto table = at.identifier("table", "table name");
    Column column = at.column("column");
    return DropColumn{table, std::move(column), at.optional_index("position")};
  }
  if (op == "rename_column") {
    at.expect_keys({"table", "from", "to"});
    auto table = at.identifier("table", "table name");
    auto from = at.identifier("from", "column name");
    return RenameColumn{std::move(table), std::move(from), at.identifier("to", "column name")};
  }
  if (op == "rename_index") {
    at.expect_keys({"table", "from", "to"});
    return RenameIndex{at.name("table"), at.name("from"), at.name("to")};
  }
  if (op == "rename_constraint") {
    at.expect_keys({"table", "from", "to"});
    return RenameConstraint{at.name("table"), at.name("from"), at.name("to")};
  }
  if (op == "alter_column") {
    at.expect_keys({"table", "from", "to"});
    auto table = at.identifier("table", "table name");
    Column from = at.column("from");
    Column to = at.column("to");
    if (from.name != to.name)
      at.fail_at("to", "an alter_column keeps the column's name (" + in_quotes(from.name) + " vs " +
                           in_quotes(to.name) + "); use rename_column to rename");
    return AlterColumn{table, std::move(from), std::move(to)};
  }
  if (op == "create_index" || op == "drop_index") {
    auto table = table_op("index", "concurrently");
    auto index = at.part<Index>("index", table);
    bool concurrently = at.flag("concurrently");
    if (op == "create_index") return CreateIndex{table, std::move(index), concurrently};
    return DropIndex{table, std::move(index), concurrently};
  }
  if (op == "add_primary_key") {
    auto table = table_op("primary_key", "using_index");
    auto key = at.part<PrimaryKey>("primary_key", table);
    return AddPrimaryKey{table, std::move(key), at.optional_name("using_index")};
  }
  if (op == "drop_primary_key") {
    auto table = table_op("primary_key");
    return DropPrimaryKey{table, at.part<PrimaryKey>("primary_key", table)};
  }
  if (op == "add_unique_constraint") {
    auto table = table_op("unique_constraint", "using_index");
    auto constraint = at.part<UniqueConstraint>("unique_constraint", table);
    return AddUniqueConstraint{table, std::move(constraint), at.optional_name("using_index")};
  }
  if (op == "drop_unique_constraint") {
    auto table = table_op("unique_constraint");
    return DropUniqueConstraint{table, at.part<UniqueConstraint>("unique_constraint", table)};
  }
  if (op == "add_check_constraint") {
    auto table = table_op("check_constraint", "not_valid");
    auto constraint = at.part<CheckConstraint>("check_constraint", table);
    return AddCheckConstraint{table, std::move(constraint), at.flag("not_valid")};
  }
  if (op == "drop_check_constraint") {
    auto table = table_op("check_constraint");
    return DropCheckConstraint{table, at.part<CheckConstraint>("check_constraint", table)};
  }
  if (op == "add_foreign_key") {
    auto table = table_op("foreign_key", "not_valid");
    auto key = at.part<ForeignKey>("foreign_key", table);
    return AddForeignKey{table, std::move(key), at.flag("not_valid")};
  }
  if (op == "drop_foreign_key") {
    auto table = table_op("foreign_key");
    return DropForeignKey{table, at.part<ForeignKey>("foreign_key", table)};
  }
  if (op == "validate_constraint") {
    at.expect_keys({"table", "name"});
    auto table = at.identifier("table", "table name");
    return ValidateConstraint{std::move(table), at.identifier("name", "constraint name")};
  }
  if (op == "create_sync_trigger" || op == "drop_sync_trigger") {
    at.expect_keys({"table", "old_column", "new_column"});
    auto table = at.identifier("table", "table name");
    auto old_column = at.identifier("old_column", "column name");
    auto new_column = at.identifier("new_column", "column name");
    if (op == "create_sync_trigger") return CreateSyncTrigger{table, old_column, new_column};
    return DropSyncTrigger{table, old_column, new_column};
  }
  if (op == "backfill") {
    at.expect_keys({"table", "description", "set", "dialects", "where", "batch_size", "pause"});
    return at.backfill();
  }
  if (op == "create_enum" || op == "drop_enum") {
    at.expect_keys({"enum"});
    auto enum_type = at.enum_type("enum");
    if (op == "create_enum") return CreateEnum{std::move(enum_type)};
    return DropEnum{std::move(enum_type)};
  }
  if (op == "add_enum_value" || op == "remove_enum_value") {
    at.expect_keys({"enum", "value", "position"});
    auto name = at.identifier("enum", "enum type name");
    auto value = at.identifier("value", "enum value");
    auto position = at.index("position");
    if (op == "add_enum_value") return AddEnumValue{name, value, position};
    return RemoveEnumValue{name, value, position};
  }
  if (op == "alter_table_metadata") {
    at.expect_keys({"table", "from", "to"});
    auto name = at.identifier("table", "table name");
    Table from = at.table("from");
    Table to = at.table("to");
    if (from.name != name) at.fail_at("from", "the table is " + in_quotes(from.name) + ", the operation names " + in_quotes(name));
    if (to.name != name) at.fail_at("to", "the table is " + in_quotes(to.name) + ", the operation names " + in_quotes(name));
    return AlterTableMetadata{std::move(from), std::move(to)};
  }
  // "sql": the only one left (the caller checked the name).
  at.expect_keys({"description", "sql", "dialects"});
  return at.sql_step();
}

}  // namespace

std::string_view operation_name(const Operation& operation) { return operation_names[operation.index()]; }

ordered_json to_json(const Operation& operation) {
  ordered_json object;
  object["op"] = std::string(operation_name(operation));
  auto column_op = [&](const std::string& table, const Column& column, const std::optional<std::size_t>& position) {
    object["table"] = table;
    object["column"] = to_json(column);
    if (position) object["position"] = *position;
  };
  auto assignments = [](const std::map<std::string, std::string>& set) {
    ordered_json result = ordered_json::object();
    for (const auto& [column, expression] : set) result[column] = expression;
    return result;
  };
  auto part_op = [&](const std::string& table, const char* key, const auto& part) {
    object["table"] = table;
    object[key] = part_to_json(table, part);
  };
  std::visit(
      Overloaded{
          [&](const CreateTable& op) { object["table"] = to_json(op.table); },
          [&](const DropTable& op) { object["table"] = to_json(op.table); },
          [&](const RenameTable& op) {
            object["from"] = op.from;
            object["to"] = op.to;
          },
          [&](const AddColumn& op) {
            column_op(op.table, op.column, op.position);
            if (op.fill_existing_rows) object["fill_existing_rows"] = true;
          },
          [&](const DropColumn& op) { column_op(op.table, op.column, op.position); },
          [&](const RenameColumn& op) {
            object["table"] = op.table;
            object["from"] = op.from;
            object["to"] = op.to;
          },
          [&](const RenameIndex& op) {
            object["table"] = op.table;
            object["from"] = op.from;
            object["to"] = op.to;
          },
          [&](const RenameConstraint& op) {
            object["table"] = op.table;
            object["from"] = op.from;
            object["to"] = op.to;
          },
          [&](const AlterColumn& op) {
            object["table"] = op.table;
            object["from"] = to_json(op.from);
            object["to"] = to_json(op.to);
          },
          [&](const CreateIndex& op) {
            part_op(op.table, "index", op.index);
            if (op.concurrently) object["concurrently"] = true;
          },
          [&](const DropIndex& op) {
            part_op(op.table, "index", op.index);
            if (op.concurrently) object["concurrently"] = true;
          },
          [&](const AddPrimaryKey& op) {
            part_op(op.table, "primary_key", op.key);
            if (op.using_index) object["using_index"] = *op.using_index;
          },
          [&](const DropPrimaryKey& op) { part_op(op.table, "primary_key", op.key); },
          [&](const AddUniqueConstraint& op) {
            part_op(op.table, "unique_constraint", op.constraint);
            if (op.using_index) object["using_index"] = *op.using_index;
          },
          [&](const DropUniqueConstraint& op) { part_op(op.table, "unique_constraint", op.constraint); },
          [&](const AddCheckConstraint& op) {
            part_op(op.table, "check_constraint", op.constraint);
            if (op.not_valid) object["not_valid"] = true;
          },
          [&](const DropCheckConstraint& op) { part_op(op.table, "check_constraint", op.constraint); },
          [&](const AddForeignKey& op) {
            part_op(op.table, "foreign_key", op.key);
            if (op.not_valid) object["not_valid"] = true;
          },
          [&](const DropForeignKey& op) { part_op(op.table, "foreign_key", op.key); },
          [&](const CreateEnum& op) { object["enum"] = to_json(op.enum_type); },
          [&](const DropEnum& op) { object["enum"] = to_json(op.enum_type); },
          [&](const AddEnumValue& op) {
            object["enum"] = op.enum_name;
            object["value"] = op.value;
            object["position"] = op.position;
          },
          [&](const RemoveEnumValue& op) {
            object["enum"] = op.enum_name;
            object["value"] = op.value;
            object["position"] = op.position;
          },
          [&](const AlterTableMetadata& op) {
            object["table"] = op.to.name;
            object["from"] = to_json(op.from);
            object["to"] = to_json(op.to);
          },
          [&](const SqlStep& op) {
            if (!op.description.empty()) object["description"] = op.description;
            if (!op.sql.empty()) object["sql"] = op.sql;
            if (!op.dialect_sql.empty()) {
              ordered_json dialects;
              for (const auto& [dialect, sql] : op.dialect_sql) dialects[std::string(to_string(dialect))] = sql;
              object["dialects"] = dialects;
            }
          },
          [&](const ValidateConstraint& op) {
            object["table"] = op.table;
            object["name"] = op.name;
          },
          [&](const CreateSyncTrigger& op) {
            object["table"] = op.table;
            object["old_column"] = op.old_column;
            object["new_column"] = op.new_column;
          },
          [&](const DropSyncTrigger& op) {
            object["table"] = op.table;
            object["old_column"] = op.old_column;
            object["new_column"] = op.new_column;
          },
          [&](const Backfill& op) {
            object["table"] = op.table;
            if (!op.description.empty()) object["description"] = op.description;
            if (!op.set.empty()) object["set"] = assignments(op.set);
            if (!op.dialect_set.empty()) {
              ordered_json dialects;
              for (const auto& [dialect, set] : op.dialect_set)
                dialects[std::string(to_string(dialect))] = assignments(set);
              object["dialects"] = dialects;
            }
            if (op.where) object["where"] = *op.where;
            object["batch_size"] = op.batch_size;
            object["pause"] = format_duration_ms(op.pause_ms);
          },
      },
      operation);
  return object;
}

ordered_json to_json(const std::vector<Operation>& operations) {
  ordered_json list = ordered_json::array();
  for (const auto& operation : operations) list.push_back(to_json(operation));
  return list;
}

Operation operation_from_json(const json& value, const std::string& origin, const std::string& json_path) {
  OperationReader at(value, origin, json_path);
  if (!value.is_object()) at.fail("expected an operation (a JSON object with \"op\"), got " + type_phrase(value));
  const std::string op = at.name("op");
  if (std::find(operation_names.begin(), operation_names.end(), op) == operation_names.end())
    at.fail_at("op", unknown_op_problem(op));
  at.set_op(op);
  return read_operation(at, op);
}

std::optional<std::int64_t> parse_duration_ms(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  std::int64_t number = 0;
  for (std::size_t i = 0; i < digits; ++i) number = number * 10 + (text[i] - '0');
  const std::string_view unit = text.substr(digits);
  std::int64_t scale = 0;
  if (unit == "ms") scale = 1;
  else if (unit == "s") scale = 1000;
  else if (unit == "min") scale = 60 * 1000;
  else if (unit == "h") scale = 60 * 60 * 1000;
  else return std::nullopt;
  return number * scale;
}

std::string format_duration_ms(std::int64_t milliseconds) {
  if (milliseconds != 0 && milliseconds % (60 * 60 * 1000) == 0) return std::to_string(milliseconds / 3600000) + "h";
  if (milliseconds != 0 && milliseconds % (60 * 1000) == 0) return std::to_string(milliseconds / 60000) + "min";
  if (milliseconds != 0 && milliseconds % 1000 == 0) return std::to_string(milliseconds / 1000) + "s";
  return std::to_string(milliseconds) + "ms";
}

std::vector<Operation> operations_from_json(const json& value, const std::string& origin,
                                            const std::string& json_path) {
  if (!value.is_array())
    throw SnapshotError(origin, json_path, "expected a list of operations (a JSON array), got " + type_phrase(value));
  std::vector<Operation> operations;
  operations.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i)
    operations.push_back(operation_from_json(value[i], origin, json_path + "/" + std::to_string(i)));
  return operations;
}

}  // namespace sqlmodel::schema
