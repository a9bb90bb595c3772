#include "migration_file.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "lint/rules.hpp"
#include "schema/operations_json.hpp"

namespace sqlmodel::migrate {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

const json& required(const json& document, const char* key, const std::string& origin) {
  auto found = document.find(key);
  if (found == document.end())
    throw MigrationFileError(origin, "", std::string("missing required key \"") + key + "\"");
  return *found;
}

std::string string_at(const json& document, const char* key, const std::string& origin, bool allow_empty) {
  const json& value = required(document, key, origin);
  if (!value.is_string()) throw MigrationFileError(origin, std::string("/") + key, "expected a string");
  auto text = value.get<std::string>();
  if (text.empty() && !allow_empty) throw MigrationFileError(origin, std::string("/") + key, "must not be empty");
  return text;
}

bool is_revision_id(std::string_view text) {
  return !text.empty() && text.size() <= 32 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f'); });
}

std::vector<LintAcknowledgement> read_lint_ignore(const json& value, const std::string& origin,
                                                  const std::string& path) {
  const std::string shape = "{\"rule\": \"<rule id>\", \"reason\": \"<why it is safe here>\"}";
  if (!value.is_array() || value.empty())
    throw MigrationFileError(origin, path, "expected a non-empty list of " + shape);
  std::vector<LintAcknowledgement> acknowledgements;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const json& entry = value[i];
    const std::string at = path + "/" + std::to_string(i);
    if (entry.is_string())
      throw MigrationFileError(origin, at,
                               "an acknowledged finding needs a reason: write {\"rule\": " + entry.dump() +
                                   ", \"reason\": \"<why it is safe here>\"}");
    if (!entry.is_object()) throw MigrationFileError(origin, at, "expected " + shape);
    for (const auto& [key, member] : entry.items())
      if (key != "rule" && key != "reason")
        throw MigrationFileError(origin, at + "/" + schema::json_pointer_token(key),
                                 "unknown key " + in_quotes(key) + "; expected rule, reason");
    LintAcknowledgement acknowledgement;
    if (!entry.contains("rule")) throw MigrationFileError(origin, at, "missing \"rule\": the id of the lint rule");
    if (!entry["rule"].is_string() || entry["rule"].get<std::string>().empty())
      throw MigrationFileError(origin, at + "/rule", "expected a lint rule id (a string)");
    acknowledgement.rule = entry["rule"].get<std::string>();
    if (!lint::find_rule(acknowledgement.rule))
      throw MigrationFileError(origin, at + "/rule", lint::unknown_rule_problem(acknowledgement.rule));
    if (!entry.contains("reason"))
      throw MigrationFileError(origin, at,
                               "acknowledging " + in_quotes(acknowledgement.rule) +
                                   " needs a \"reason\": why the finding is safe on this step");
    if (!entry["reason"].is_string()) throw MigrationFileError(origin, at + "/reason", "expected a string");
    acknowledgement.reason = entry["reason"].get<std::string>();
    if (acknowledgement.reason.find_first_not_of(" \t\r\n") == std::string::npos)
      throw MigrationFileError(origin, at + "/reason",
                               "the reason must say why the finding is safe on this step");
    for (const auto& earlier : acknowledgements)
      if (earlier.rule == acknowledgement.rule)
        throw MigrationFileError(origin, at + "/rule", in_quotes(acknowledgement.rule) + " is listed twice");
    acknowledgements.push_back(std::move(acknowledgement));
  }
  return acknowledgements;
}

// "upgrade" or "downgrade": the operations, and the "lint_ignore" of each step taken out of it
// before the operation reader (which refuses keys it does not know) sees the step.
std::vector<schema::Operation> read_steps(const json& document, const char* key, const std::string& origin,
                                          StepAcknowledgements& acknowledgements) {
  const std::string path = std::string("/") + key;
  json steps = required(document, key, origin);
  if (steps.is_array())
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (!steps[i].is_object() || !steps[i].contains("lint_ignore")) continue;
      acknowledgements[i] =
          read_lint_ignore(steps[i]["lint_ignore"], origin, path + "/" + std::to_string(i) + "/lint_ignore");
      steps[i].erase("lint_ignore");
    }
  return schema::operations_from_json(steps, origin, path);
}

ordered_json steps_to_json(const std::vector<schema::Operation>& operations,
                           const StepAcknowledgements& acknowledgements) {
  ordered_json steps = schema::to_json(operations);
  for (const auto& [index, entries] : acknowledgements) {
    if (index >= steps.size())
      throw std::invalid_argument("lint_ignore for step " + std::to_string(index) + ", past the last step");
    ordered_json list = ordered_json::array();
    for (const auto& entry : entries) list.push_back({{"rule", entry.rule}, {"reason", entry.reason}});
    steps[index]["lint_ignore"] = list;
  }
  return steps;
}

}  // namespace

std::string_view to_string(MigrationPhase phase) { return phase == MigrationPhase::expand ? "expand" : "contract"; }

std::string write_migration(const Migration& migration) {
  ordered_json document;
  document["format"] = migration_format;
  document["revision"] = migration.revision;
  document["parents"] = migration.parents;
  document["message"] = migration.message;
  document["created"] = migration.created;
  if (migration.phase) document["phase"] = std::string(to_string(*migration.phase));
  if (migration.lock_timeout_ms) document["lock_timeout"] = schema::format_duration_ms(*migration.lock_timeout_ms);
  if (migration.lock_retries) document["lock_retries"] = *migration.lock_retries;
  document["upgrade"] = steps_to_json(migration.upgrade, migration.upgrade_lint_ignore);
  document["downgrade"] = steps_to_json(migration.downgrade, migration.downgrade_lint_ignore);
  try {
    return schema::format_json(document) + "\n";
  } catch (const nlohmann::json::type_error& error) {
    // dump's only type error: text that is not valid UTF-8.
    throw std::invalid_argument("revision " + migration.revision + ": cannot write the migration: " + error.what());
  }
}

std::string canonical_content(const Migration& migration) {
  const std::string text = migration.file_text.empty() ? write_migration(migration) : migration.file_text;
  try {
    // nlohmann::json keeps object keys sorted; dump() without indent writes no whitespace.
    return json::parse(text).dump();
  } catch (const json::exception& error) {
    // read_migration parsed the same text, so only a file built by hand in memory gets here.
    throw MigrationFileError(migration.path.empty() ? "revision " + migration.revision : migration.path.string(), "",
                             std::string("invalid JSON: ") + error.what());
  }
}

Migration read_migration(std::string_view text, const std::string& origin) {
  json document = schema::parse_json_document(text, origin, "a migration");
  if (!document.is_object()) throw MigrationFileError(origin, "", "expected a migration (a JSON object)");
  static const std::vector<std::string> keys{"format",  "revision",     "parents",      "message", "created",
                                              "phase",   "lock_timeout", "lock_retries", "upgrade", "downgrade"};
  for (const auto& [key, value] : document.items())
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      throw MigrationFileError(origin, "/" + key,
                               "unknown key " + in_quotes(key) +
                                   "; expected format, revision, parents, message, created, phase, lock_timeout, "
                                   "lock_retries, upgrade, downgrade");

  const json& format = required(document, "format", origin);
  if (!format.is_number_integer())
    throw MigrationFileError(origin, "/format", "\"format\" must be an integer");
  if (format.get<std::int64_t>() != migration_format)
    throw MigrationFileError(origin, "/format",
                             "format " + format.dump() + " is not the one this build reads (" +
                                 std::to_string(migration_format) + ")");

  Migration migration;
  migration.revision = string_at(document, "revision", origin, false);
  if (!is_revision_id(migration.revision))
    throw MigrationFileError(origin, "/revision",
                             "revision " + in_quotes(migration.revision) + " is not a lower-case hex id");
  const json& parents = required(document, "parents", origin);
  if (!parents.is_array()) throw MigrationFileError(origin, "/parents", "expected an array of revision ids");
  for (std::size_t i = 0; i < parents.size(); ++i) {
    const auto path = "/parents/" + std::to_string(i);
    if (!parents[i].is_string() || !is_revision_id(parents[i].get<std::string>()))
      throw MigrationFileError(origin, path, "expected a revision id (lower-case hex)");
    auto parent = parents[i].get<std::string>();
    if (parent == migration.revision) throw MigrationFileError(origin, path, "a revision cannot be its own parent");
    if (std::find(migration.parents.begin(), migration.parents.end(), parent) != migration.parents.end())
      throw MigrationFileError(origin, path, "parent " + in_quotes(parent) + " is listed twice");
    migration.parents.push_back(std::move(parent));
  }
  migration.message = string_at(document, "message", origin, true);
  migration.created = string_at(document, "created", origin, true);
  if (document.contains("phase")) {
    const json& phase = document.at("phase");
    if (phase == "expand")
      migration.phase = MigrationPhase::expand;
    else if (phase == "contract")
      migration.phase = MigrationPhase::contract;
    else
      throw MigrationFileError(origin, "/phase", "expected \"expand\" or \"contract\", got " + phase.dump());
  }
  if (document.contains("lock_timeout")) {
    const json& timeout = document.at("lock_timeout");
    std::optional<std::int64_t> milliseconds;
    if (timeout.is_string()) milliseconds = schema::parse_duration_ms(timeout.get<std::string>());
    if (!milliseconds || *milliseconds <= 0)
      throw MigrationFileError(origin, "/lock_timeout",
                               "expected a duration such as \"2s\" or \"500ms\" (units ms, s, min, h), got " +
                                   timeout.dump());
    migration.lock_timeout_ms = *milliseconds;
  }
  if (document.contains("lock_retries")) {
    const json& retries = document.at("lock_retries");
    if (!retries.is_number_integer() || retries.get<std::int64_t>() < 0 ||
        retries.get<std::int64_t>() > max_lock_retries)
      throw MigrationFileError(origin, "/lock_retries",
                               "expected a number of retries from 0 to " + std::to_string(max_lock_retries) + ", got " +
                                   retries.dump());
    migration.lock_retries = retries.get<int>();
  }
  migration.upgrade = read_steps(document, "upgrade", origin, migration.upgrade_lint_ignore);
  migration.downgrade = read_steps(document, "downgrade", origin, migration.downgrade_lint_ignore);
  migration.file_text = std::string(text);
  return migration;
}

Migration read_migration_file(const std::filesystem::path& path) {
  const std::string origin = path.string();
  auto name = parse_migration_file_name(path.filename().string());
  if (!name)
    throw MigrationFileError(origin, "",
                             "the name does not follow <sequence>_<revision>_<slug>.json "
                             "(e.g. 0001_3f2a9c1b7d4e_create_users.json)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MigrationFileError(origin, "", std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  Migration migration = read_migration(text.str(), origin);
  if (migration.revision != name->revision)
    throw MigrationFileError(origin, "/revision",
                             "the file name says revision " + in_quotes(name->revision) + ", the file says " +
                                 in_quotes(migration.revision));
  migration.path = path;
  migration.sequence = name->sequence;
  return migration;
}

std::string slug(std::string_view message) {
  std::string result;
  for (char c : message) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) && byte < 128) {
      result += static_cast<char>(std::tolower(byte));
    } else if (!result.empty() && result.back() != '_') {
      result += '_';
    }
    if (result.size() >= 40) break;
  }
  while (!result.empty() && result.back() == '_') result.pop_back();
  return result.empty() ? "revision" : result;
}

std::string migration_file_name(int sequence, const std::string& revision, std::string_view message) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", sequence);
  return std::string(number) + "_" + revision + "_" + slug(message) + ".json";
}

std::optional<MigrationFileName> parse_migration_file_name(std::string_view file_name) {
  static const re2::RE2 pattern(R"(([0-9]{1,9})_([0-9a-f]{1,32})_([a-z0-9_]+)\.json)");
  int sequence = 0;
  std::string revision, slug;
  if (!re2::RE2::FullMatch(re2::StringPiece(file_name.data(), file_name.size()), pattern, &sequence, &revision, &slug))
    return std::nullopt;
  return MigrationFileName{sequence, std::move(revision), std::move(slug)};
}

std::string new_revision_id() {
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string id;
  for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[digit(random)];
  return id;
}

std::string utc_timestamp_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace sqlmodel::migrate
