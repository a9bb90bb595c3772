// A lint report for people (text) and for CI (JSON).
#pragma once

#include <ostream>
#include <string>

#include "lint/lint.hpp"

namespace sqlmodel::migrate::lint {

// Per step, each finding with the SQL it is about (why it is risky and what to write instead
// the first time its rule fires); acknowledged findings on one line with their reason; then one
// summary line:
//
//   migrations/0002_..._add_index.json: /upgrade/0: create index ix_users_email on users
//     error: create-index-without-concurrently [postgresql]: builds index ix_users_email on "users" ...
//       CREATE INDEX "ix_users_email" ON "users" ("email")
//       why: ...
//       instead: ...
//   lint: 1 error, 0 warnings, 0 acknowledged in 2 revisions (postgresql, sqlite)
void print_text(const Report& report, std::ostream& out);

// {"format": 1, "dialects": [...], "revisions": [...], "summary": {"errors", "warnings",
//  "acknowledged"}, "findings": [{"rule", "severity", "dialect", "file", "revision",
//  "direction", "step", "path", "operation", "sql": [...], "message", "why", "instead",
//  "acknowledged", "reason" (when acknowledged)}], "unused_acknowledgements": [{"file",
//  "revision", "path", "rule"}]}
std::string to_json_text(const Report& report);

}  // namespace sqlmodel::migrate::lint
