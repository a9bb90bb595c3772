// Operations in the spelling of migration files: one JSON object per operation, named by "op",
// with tables, columns, indexes and constraints spelled exactly as in the schema snapshot
// (snapshot_json.hpp), so a column reads the same in both places.
//
//   {"op": "add_column", "table": "users", "column": {"name": "email", "type": "string(255)", ...}}
//   {"op": "rename_column", "table": "users", "from": "email", "to": "email_address"}
//   {"op": "sql", "description": "backfill", "sql": "UPDATE ...", "dialects": {"postgresql": "..."}}
//
// Keys come in a fixed order and optional ones are left out when unset, so equal operations
// give identical text. The reader is strict: an unknown "op" or key, a missing key or a wrong
// type is a SnapshotError naming the file and the JSON Pointer of the offending value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/operations.hpp"
#include "schema/snapshot_json.hpp"

namespace sqlmodel::schema {

// "add_column", "create_table", ..., "sql": the "op" value of each kind.
std::string_view operation_name(const Operation& operation);

nlohmann::ordered_json to_json(const Operation& operation);
nlohmann::ordered_json to_json(const std::vector<Operation>& operations);

// `origin` names the file and `json_path` is the JSON Pointer of `value` in it, for errors.
Operation operation_from_json(const nlohmann::json& value, const std::string& origin,
                              const std::string& json_path);
// An array of operations.
std::vector<Operation> operations_from_json(const nlohmann::json& value, const std::string& origin,
                                            const std::string& json_path);

// Durations in migration files ("pause": "10ms", "lock_timeout": "2s"): a whole number and one
// of PostgreSQL's units ms, s, min, h. nullopt for anything else.
std::optional<std::int64_t> parse_duration_ms(std::string_view text);
// The largest unit that says `milliseconds` exactly: 2000 -> "2s", 1500 -> "1500ms".
std::string format_duration_ms(std::int64_t milliseconds);

}  // namespace sqlmodel::schema
