// `sqlmodel-migrate lint`: reads migration files for steps that are risky on a live database
// (a lock that stops the application, a rewrite of a big table, data loss, a change the running
// application version breaks on) and says why, with the SQL each step renders and the safe way
// to write it. The rules are in rules.hpp.
//
// Every step of `upgrade` and `downgrade` is rendered for each dialect asked for, against the
// schema replayed from the revision's ancestors, exactly as `upgrade` and `sql` render it, and
// each rule that applies to the dialect looks at it. A table created by an earlier step of the
// same list is new: it has no rows, nobody else can see it yet, and rules about existing rows
// and locks leave it alone. A finding named in the step's "lint_ignore" (migration_file.hpp) is
// reported as acknowledged, with its reason, and does not count as an error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lint/rules.hpp"
#include "revision_graph.hpp"
#include "sqlmodel/dialect.hpp"

namespace sqlmodel::migrate::lint {

enum class Direction { upgrade, downgrade };
std::string_view to_string(Direction direction);  // "upgrade", "downgrade"

struct Finding {
  const Rule* rule = nullptr;
  Severity severity = Severity::error;
  schema::Dialect dialect = schema::Dialect::postgresql;
  const Migration* migration = nullptr;
  Direction direction = Direction::upgrade;
  std::size_t step = 0;
  std::string operation;         // schema::describe() of the step
  std::vector<std::string> sql;  // the statements the step renders for the dialect
  std::string message;           // what this step does that the rule is about
  std::optional<std::string> acknowledged;  // the reason of the step's lint_ignore entry

  std::string json_path() const;  // "/upgrade/3": where the step is in its file
  bool counts_as_error() const { return severity == Severity::error && !acknowledged; }
};

// A lint_ignore entry that matched no finding on its step, although every dialect its rule
// applies to was linted: stale (the step changed) or misplaced.
struct UnusedAcknowledgement {
  const Migration* migration = nullptr;
  Direction direction = Direction::upgrade;
  std::size_t step = 0;
  std::string rule;

  std::string json_path() const;
};

struct Report {
  std::vector<schema::Dialect> dialects;
  std::vector<const Migration*> migrations;  // what was linted, in replay order
  std::vector<Finding> findings;  // by file (replay order), upgrade before downgrade, step, rule
  std::vector<UnusedAcknowledgement> unused_acknowledgements;

  std::size_t errors() const;  // unacknowledged errors: what makes `lint` exit non-zero
  std::size_t warnings() const;  // unacknowledged warnings
  std::size_t acknowledged() const;
};

// Lints `migrations` (revisions of `graph`) for each of `dialects`. A step that cannot be
// replayed or rendered is a MigrationFileError naming the file and the step, as for `sql`.
Report lint_migrations(const RevisionGraph& graph, const std::vector<const Migration*>& migrations,
                       const std::vector<schema::Dialect>& dialects);

}  // namespace sqlmodel::migrate::lint
