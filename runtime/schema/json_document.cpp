// The one JSON parse of the files people edit and review (snapshots, migration files): whatever
// the bytes, the result is a document or a SnapshotError naming the file, the JSON Pointer and
// the line and column, never an nlohmann exception.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "schema/naming.hpp"
#include "schema/snapshot_json.hpp"

namespace sqlmodel::schema {
namespace {

using json = nlohmann::json;

std::string in_quotes(std::string_view text) { return "\"" + naming::printable(text) + "\""; }

// A SAX pass ahead of the DOM parse: nlohmann keeps the last of two equal keys without a word,
// reports syntax errors without saying where in the document they are, and accepts a NUL in a
// string, which no SQL statement, identifier or literal built from these files can carry (libpq
// and sqlite3_exec read C strings: the statement would be cut there).
class DocumentChecker final : public nlohmann::json_sax<json> {
 public:
  explicit DocumentChecker(std::string_view text) : text_(text) {}

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t& text) override {
    value();
    if (text.find('\0') == std::string::npos) return true;
    path_ = container_path() + current_token(true);
    problem_ = "the string " + in_quotes(text) + " holds a NUL byte (\\u0000), which nothing read from this file may hold";
    return false;
  }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    value();
    frames_.push_back({true, {}, {}, 0});
    return true;
  }
  bool key(string_t& key) override {
    auto& frame = frames_.back();
    if (key.find('\0') != std::string::npos) {
      path_ = container_path() + token_of(frame);
      problem_ = "the key " + in_quotes(key) + " holds a NUL byte (\\u0000)";
      return false;
    }
    if (!frame.keys.insert(key).second) {
      path_ = container_path() + "/" + json_pointer_token(key);
      problem_ = "duplicate key " + in_quotes(key) + " (a merge conflict resolved twice?)";
      return false;
    }
    frame.key = key;
    return true;
  }
  bool end_object() override {
    frames_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    value();
    frames_.push_back({false, {}, {}, 0});
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const json::exception& error) override {
    // A number out of range (1e400) is reported before its value is counted: the pointer is
    // that of the element about to be read.
    const bool out_of_range = dynamic_cast<const json::out_of_range*>(&error) != nullptr;
    const bool in_array = !frames_.empty() && !frames_.back().is_object;
    path_ = container_path() + (in_array && !out_of_range ? std::string() : current_token(false));
    problem_ = syntax_problem(position, error.what(), out_of_range);
    return false;
  }

  const std::string& path() const { return path_; }
  const std::string& problem() const { return problem_; }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;
    std::string key;        // objects: the key being read
    std::size_t count;      // arrays: elements started so far
  };

  bool value() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().count;
    return true;
  }

  std::string token_of(const Frame& frame) const {
    if (frame.is_object) return frame.key.empty() && frame.keys.empty() ? "" : "/" + json_pointer_token(frame.key);
    return frame.count == 0 ? "" : "/" + std::to_string(frame.count - 1);
  }

  // The pointer of the innermost open container.
  std::string container_path() const {
    std::string path;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) path += token_of(frames_[i]);
    return path;
  }

  // Inside an object the key being read is where the error is. Inside an array, a value just
  // counted (`counted`: a string that was read) is the element; otherwise the last element
  // started is usually complete and the error comes after it, so stop at the array, except for
  // an element that failed before it was counted (a number out of range), which is the next one.
  std::string current_token(bool counted) const {
    if (frames_.empty()) return "";
    const Frame& frame = frames_.back();
    if (frame.is_object) return token_of(frame);
    if (counted) return token_of(frame);
    return "/" + std::to_string(frame.count);
  }

  std::string syntax_problem(std::size_t position, std::string_view message, bool out_of_range) const {
    // nlohmann counts the bytes it read, the offending one last; reading past the end counts
    // as one more byte, which is how a truncated document shows.
    const bool truncated = position > text_.size();
    const std::size_t offending = std::min(position == 0 ? 0 : position - 1, text_.size());
    const std::size_t line = 1 + std::count(text_.begin(), text_.begin() + offending, '\n');
    const auto newline = offending == 0 ? std::string_view::npos : text_.rfind('\n', offending - 1);
    const std::size_t column = offending - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
    // Keep nlohmann's explanation, drop its "[json.exception...] parse error at ...:" prefix.
    std::string_view detail = message;
    if (detail.starts_with("[json.exception.")) {
      const auto close = detail.find("] ");
      if (close != std::string_view::npos) detail.remove_prefix(close + 2);
    }
    if (detail.starts_with("parse error")) {
      const auto colon = detail.find(": ");
      if (colon != std::string_view::npos) detail.remove_prefix(colon + 2);
    }
    std::string where = "line " + std::to_string(line) + ", column " + std::to_string(column);
    if (truncated)
      return "the JSON ends early at " + where + "; is the file truncated? (" + std::string(detail) + ")";
    if (out_of_range)
      return "number out of range at " + where + ": " + std::string(detail) + " (a double holds up to about 1.8e308)";
    return "invalid JSON at " + where + ": " + std::string(detail);
  }

  std::string_view text_;
  std::vector<Frame> frames_;
  std::string path_;
  std::string problem_;
};

}  // namespace

// RFC 6901: "~" and "/" inside a reference token are escaped.
std::string json_pointer_token(std::string_view token) {
  std::string escaped;
  for (char c : token) {
    if (c == '~')
      escaped += "~0";
    else if (c == '/')
      escaped += "~1";
    else
      escaped += c;
  }
  return escaped;
}

json parse_json_document(std::string_view text, const std::string& origin, std::string_view expected) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw SnapshotError(origin, "", "the file is empty; expected " + std::string(expected) + " (a JSON object)");
  DocumentChecker checker(text);
  if (!json::sax_parse(text, &checker)) throw SnapshotError(origin, checker.path(), checker.problem());
  try {
    return json::parse(text);
  } catch (const json::exception& error) {
    // The checker accepted the text; keep the promise of never throwing anything but ours.
    throw SnapshotError(origin, "", std::string("invalid JSON: ") + error.what());
  }
}

}  // namespace sqlmodel::schema
