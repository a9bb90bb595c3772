// One migration file: migrations/<seq>_<rev>_<slug>.json. The sequence number only orders the
// files for people reading the directory; the revision graph comes from "parents".
//
//   {
//     "format": 1,
//     "revision": "3f2a9c1b7d4e",
//     "parents": ["a1b2c3d4e5f6"],          // [] for the first revision, two or more for a merge
//     "message": "add users.nickname",
//     "created": "2026-11-24T06:50:00Z",
//     "phase": "expand",                    // optional: "expand" or "contract" (see below)
//     "lock_timeout": "2s",                 // optional, PostgreSQL: see below
//     "lock_retries": 5,                    // optional, with lock_timeout
//     "upgrade": [ {"op": "add_column", ...}, ... ],
//     "downgrade": [ {"op": "drop_column", ...}, ... ]
//   }
//
// "phase" marks the two halves of a change the running application must not see at once
// (`revision --online`): an expand revision is applied before the new application version is
// rolled out, a contract revision once no old version runs (`upgrade --to-phase expand` stops
// before the first contract revision). "lock_timeout" is set for every statement of the
// revision on PostgreSQL; a step whose lock is not granted in time is rolled back and retried
// up to "lock_retries" times (default: the project's, else 5) after a growing pause.
//
// Operations are spelled by schema/operations_json.hpp. Keys are written in this order and the
// reader refuses unknown ones, so a typo never silently drops a step.
//
// A step of either list may also carry the lint findings its reviewers accepted (see
// lint/rules.hpp), each with the reason, written last in the step's object:
//
//     {"op": "drop_column", "table": "users", ...,
//      "lint_ignore": [{"rule": "drop-column", "reason": "unused since 2.3; backed up"}]}
//
// An unknown rule id, a missing or empty reason, or a rule listed twice is an error naming the
// file and the step. They are part of the file's bytes, so the applied checksum covers them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "schema/operations.hpp"
#include "schema/snapshot_json.hpp"

namespace sqlmodel::migrate {

inline constexpr int migration_format = 1;

// Errors located in a file: "<file>: <json path>: <reason>", as for snapshots.
using MigrationFileError = schema::SnapshotError;

// One entry of a step's "lint_ignore".
struct LintAcknowledgement {
  std::string rule;    // a lint rule id
  std::string reason;  // why the finding is safe on this step; never empty
  bool operator==(const LintAcknowledgement&) const = default;
};
// By the step's index in its list.
using StepAcknowledgements = std::map<std::size_t, std::vector<LintAcknowledgement>>;

enum class MigrationPhase { expand, contract };
std::string_view to_string(MigrationPhase phase);

struct Migration {
  std::string revision;
  std::vector<std::string> parents;
  std::string message;
  std::string created;  // UTC, ISO 8601: "2026-11-24T06:50:00Z"
  std::optional<MigrationPhase> phase;
  std::optional<std::int64_t> lock_timeout_ms;
  std::optional<int> lock_retries;
  std::vector<schema::Operation> upgrade;
  std::vector<schema::Operation> downgrade;
  StepAcknowledgements upgrade_lint_ignore;
  StepAcknowledgements downgrade_lint_ignore;

  // Where it was read from (empty for one not written yet), its sequence number from the file
  // name, and the exact bytes read: the apply engine checksums these.
  std::filesystem::path path;
  int sequence = 0;
  std::string file_text;

  bool is_merge() const { return parents.size() > 1; }
};

// The file's text: stable key order, two-space indentation, trailing newline.
std::string write_migration(const Migration& migration);

// The migration's content in one canonical spelling: the file's JSON parsed and written back
// compactly with sorted keys, so whitespace, line endings, a byte-order mark, key order and
// string escapes do not change it; every value does. Of a migration not read from a file,
// that of the file write_migration() writes. Checksums of applied migrations are of this.
std::string canonical_content(const Migration& migration);

// `origin` names the file in errors.
Migration read_migration(std::string_view text, const std::string& origin);
// Reads and checks that the name's revision matches the file's "revision".
Migration read_migration_file(const std::filesystem::path& path);

// "0007_3f2a9c1b7d4e_add_users_nickname.json".
std::string migration_file_name(int sequence, const std::string& revision, std::string_view message);
// The message as a file-name slug: lower case letters, digits and underscores, at most 40.
std::string slug(std::string_view message);

// The parts of a migration file name; nullopt when `file_name` does not follow the pattern.
struct MigrationFileName {
  int sequence = 0;
  std::string revision;
  std::string slug;
};
std::optional<MigrationFileName> parse_migration_file_name(std::string_view file_name);

inline constexpr int max_lock_retries = 100;

// A fresh revision id: 12 lower-case hex digits from a random source.
std::string new_revision_id();
// Now, as "created" spells it.
std::string utc_timestamp_now();

}  // namespace sqlmodel::migrate
