// The schema snapshot: deterministic, pretty JSON with "format": 1. Equal schemas give
// byte-identical text; any malformed input is a SnapshotError naming the file and JSON path.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

inline constexpr int snapshot_format = 1;

class SnapshotError : public std::runtime_error {
 public:
  // what() reads "<file>: <json_path>: <reason>" (the path part only when there is one).
  SnapshotError(std::string file, std::string json_path, std::string reason);
  const std::string& file() const { return file_; }
  const std::string& json_path() const { return json_path_; }  // a JSON Pointer, "/tables/2/name"
  const std::string& reason() const { return reason_; }

 private:
  std::string file_, json_path_, reason_;
};

// JSON values for embedding a schema in other documents (migration files hold columns and
// tables in the same spelling).
nlohmann::ordered_json to_json(const Schema& schema);
nlohmann::ordered_json to_json(const Table& table);
nlohmann::ordered_json to_json(const Column& column);
nlohmann::ordered_json to_json(const EnumType& enum_type);

// The snapshot text: canonical order, two-space indentation, trailing newline.
std::string write_snapshot(const Schema& schema);
// Any JSON document in the snapshot's layout (two-space indentation, short lists of scalars
// on one line), without a trailing newline: migration files are printed the same way.
std::string format_json(const nlohmann::ordered_json& value);
void write_snapshot_file(const Schema& schema, const std::filesystem::path& path);  // atomic

// Parses a JSON file that people edit and review (a snapshot, a migration): a syntax error, a
// duplicate key, a number out of range (1e400), invalid UTF-8 or a NUL in a string is a
// SnapshotError naming `origin`, the JSON Pointer and the line and column, never an nlohmann
// exception. `expected` ("a snapshot") completes the message about an empty file.
nlohmann::json parse_json_document(std::string_view text, const std::string& origin, std::string_view expected);

// A key as a JSON Pointer reference token (RFC 6901: "~" -> "~0", "/" -> "~1"), for the
// paths error messages name.
std::string json_pointer_token(std::string_view key);

// `origin` is the file name used in error messages.
Schema read_snapshot(std::string_view text, const std::string& origin);
Schema read_snapshot_file(const std::filesystem::path& path);

// The readers for single objects, reporting errors under `json_path` of `origin`.
Table table_from_json(const nlohmann::json& value, const std::string& origin, const std::string& json_path);
Column column_from_json(const nlohmann::json& value, const std::string& origin, const std::string& json_path);

}  // namespace sqlmodel::schema
