#include "live_schema/database_comparison.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "schema/diff.hpp"
#include "live_schema/introspect.hpp"
#include "schema/lower.hpp"
#include "schema/operations.hpp"
#include "schema/snapshot_json.hpp"

namespace sqlmodel::schema {
namespace {

void sort_columns_by_name(schema::Schema& schema) {
  for (auto& table : schema.tables)
    std::sort(table.columns.begin(), table.columns.end(),
              [](const schema::Column& a, const schema::Column& b) { return a.name < b.name; });
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// When the diff cannot name the difference (a detail no operation carries), the snapshot
// lines that only one side has.
std::vector<std::string> snapshot_line_differences(const schema::Schema& expected, const schema::Schema& actual) {
  auto expected_lines = lines_of(schema::write_snapshot(expected));
  auto actual_lines = lines_of(schema::write_snapshot(actual));
  std::multiset<std::string> expected_set(expected_lines.begin(), expected_lines.end());
  std::multiset<std::string> actual_set(actual_lines.begin(), actual_lines.end());
  std::vector<std::string> result;
  for (const auto& line : expected_lines)
    if (!actual_set.count(line)) result.push_back("expected, not in the database: " + line);
  for (const auto& line : actual_lines)
    if (!expected_set.count(line)) result.push_back("in the database, not expected: " + line);
  if (result.empty()) result.push_back("the schemas differ in the order of their snapshot lines");
  return result;
}

}  // namespace

schema::Schema expected_database_schema(const schema::Schema& model, schema::Dialect dialect) {
  schema::Schema expected = schema::database_view(schema::lower_for_dialect(model, dialect));
  schema::normalize_expressions(expected);
  sort_columns_by_name(expected);
  return expected;
}

schema::Schema introspected_database_schema(db::Connection& connection) {
  schema::Schema actual = schema::introspect(connection);
  schema::normalize_expressions(actual);
  sort_columns_by_name(actual);
  return actual;
}

std::vector<std::string> schema_differences(const schema::Schema& expected, const schema::Schema& actual) {
  if (expected == actual) return {};
  std::vector<std::string> result;
  try {
    for (const auto& operation : schema::diff(actual, expected))
      result.push_back("to match, the database would need: " + schema::describe(operation));
  } catch (const std::exception&) {
    result.clear();
  }
  if (result.empty()) return snapshot_line_differences(expected, actual);
  return result;
}

}  // namespace sqlmodel::schema
