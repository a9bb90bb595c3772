// The rule table: each rule's id, severity per dialect, texts, and its check (check_*.cpp).
// Ids are part of the interface (lint_ignore entries, CI configurations): never rename one.
#include "lint/rules.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "lint/checks.hpp"
#include "sqlmodel/detail/did_you_mean.hpp"

namespace sqlmodel::migrate::lint {
namespace {

constexpr auto error = Severity::error;
constexpr auto warning = Severity::warning;
constexpr std::optional<Severity> never = std::nullopt;

constexpr std::string_view expand_contract =
    "Expand/contract: add the new name (or type) beside the old one and keep both in step until no "
    "running application version uses the old one, then drop it in a later revision "
    "(`revision --online` writes the two revisions).";

const std::array<Rule, 20> rule_table{{
    {"drop-table", error, error,
     "Every row of the table is gone for good, and the application version still running fails on "
     "its next query of the table. A downgrade brings the table back empty.",
     "Release an application version that no longer uses the table and keep a backup; then drop it "
     "in a later revision and acknowledge the finding there with that reason (\"lint_ignore\").",
     check_drop_table},
    {"drop-column", error, error,
     "The column's values are gone for good, and the application version still running fails on "
     "every query that names the column. A downgrade brings the column back empty.",
     "Release an application version that no longer reads or writes the column; then drop it in a "
     "later (contract) revision and acknowledge the finding there with that reason.",
     check_drop_column},
    {"rename-table", error, error,
     "The application version still running queries the old name and fails from the moment the "
     "rename commits until every instance runs the new version (and the other way round on a "
     "rollback).",
     expand_contract, check_rename_table},
    {"rename-column", error, error,
     "The application version still running reads and writes the old name and fails from the "
     "moment the rename commits until every instance runs the new version.",
     expand_contract, check_rename_column},
    {"add-column-not-null-without-default", error, error,
     "On a table with rows the step fails (PostgreSQL: the column would contain NULLs; SQLite: "
     "NOT NULL constraint failed while the table is copied), and the application version still "
     "running inserts rows without the column and fails too.",
     "Give the column a server default (.server_default; a constant or stable default is instant "
     "on PostgreSQL 11+), or add it nullable, fill it (a sql or backfill step) and make it NOT "
     "NULL in a later revision.",
     check_add_column_not_null_without_default},
    {"set-not-null", error, error,
     "PostgreSQL reads every row to check for NULLs while holding an ACCESS EXCLUSIVE lock: no "
     "reads or writes of the table until the scan ends, and the step fails if a row holds NULL. "
     "SQLite copies the table into a NOT NULL column and fails on the first NULL.",
     "Fill the NULLs first (a sql or backfill step). On PostgreSQL add CHECK (col IS NOT NULL) NOT "
     "VALID, validate it (writes go on), then SET NOT NULL, which trusts the validated check and "
     "skips the scan, and drop the check (`revision --online` writes this). On SQLite a server "
     "default fills the NULLs while the table is copied.",
     check_set_not_null},
    {"create-index-without-concurrently", error, never,
     "CREATE INDEX holds a SHARE lock on the table until the index is built: every INSERT, UPDATE "
     "and DELETE waits, for as long as reading the whole table takes.",
     "\"concurrently\": true on the create_index step (`revision --online` writes it): CREATE "
     "INDEX CONCURRENTLY lets writes go on. It runs outside the migration's transaction.",
     check_create_index_without_concurrently},
    {"drop-index-without-concurrently", error, never,
     "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every "
     "running query of the table, and every new query waits behind it.",
     "\"concurrently\": true on the drop_index step: DROP INDEX CONCURRENTLY waits for the queries "
     "using the index without blocking new ones.",
     check_drop_index_without_concurrently},
    {"concurrently-in-transaction", error, never,
     "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY cannot run "
     "inside a transaction block, and this step runs inside the migration's transaction: the "
     "migration fails at that statement.",
     "Write a create_index or drop_index step with \"concurrently\": true, which the runner "
     "executes outside the transaction, instead of the statement in a sql step.",
     check_concurrently_in_transaction},
    {"add-unique-constraint", error, error,
     "PostgreSQL builds the constraint's unique index while holding an ACCESS EXCLUSIVE lock: no "
     "reads or writes of the table until it is built. On either database the step fails if rows "
     "already hold duplicates.",
     "Look for duplicates first. On PostgreSQL build the index with CREATE UNIQUE INDEX "
     "CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX, which holds the lock only for a "
     "moment (`revision --online` writes this).",
     check_add_unique_constraint},
    {"add-foreign-key-without-not-valid", error, never,
     "Adding a foreign key reads every row of the table to check it while holding SHARE ROW "
     "EXCLUSIVE locks on both tables: writes to either table wait until the scan ends.",
     "\"not_valid\": true on the step (ADD CONSTRAINT ... NOT VALID checks only new rows and is "
     "instant), then a validate_constraint step, which checks the existing rows without blocking "
     "writes (`revision --online` writes both).",
     check_add_foreign_key_without_not_valid},
    {"add-check-without-not-valid", error, never,
     "Adding a CHECK constraint reads every row of the table to check it while holding an ACCESS "
     "EXCLUSIVE lock: no reads or writes of the table until the scan ends.",
     "\"not_valid\": true on the step (ADD CONSTRAINT ... NOT VALID checks only new rows and is "
     "instant), then a validate_constraint step, which checks the existing rows without blocking "
     "writes (`revision --online` writes both).",
     check_add_check_without_not_valid},
    {"type-change-rewrites-table", error, never,
     "The new type is not binary-compatible with the old one: PostgreSQL rewrites the whole table "
     "and rebuilds its indexes while holding an ACCESS EXCLUSIVE lock, so nothing reads or writes "
     "the table until it ends (and it needs the table's size again on disk meanwhile).",
     "Expand/contract: add a column of the new type, keep it in step with the old one, backfill "
     "it in batches, switch the application, then drop the old column (`revision --online` "
     "writes the two revisions). No rewrite: widening varchar(n) to varchar(m > n) or to varchar "
     "without a length, numeric(p, s) to numeric(q > p, s) or to numeric.",
     check_type_change_rewrites_table},
    {"type-change-narrows", error, warning,
     "Existing values may not fit the new type: PostgreSQL checks every row under an ACCESS "
     "EXCLUSIVE lock and the step fails on the first value that does not fit; SQLite keeps the "
     "values as they are, and the application fails when it reads one that does not fit.",
     "Check the existing values first (or fix them in a sql step before this one), then "
     "acknowledge the finding saying what was checked; or keep the wider type.",
     check_type_change_narrows},
    {"volatile-default-on-existing-table", error, never,
     "A column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), "
     "nextval(), an identity, or any function not known to be stable: PostgreSQL's default for a "
     "function is VOLATILE) needs a value computed per row, so PostgreSQL rewrites the table under "
     "an ACCESS EXCLUSIVE lock. A constant or stable default (0, 'draft', now()) is stored once "
     "and the step is instant.",
     "Add the column without a default or with a constant one, set the volatile default in a "
     "later step (it then applies to new rows only), and fill the existing rows in batches (a "
     "backfill step).",
     check_volatile_default_on_existing_table},
    {"missing-lock-timeout", warning, never,
     "The statement waits for its lock behind every running query of the table, and while it "
     "waits every new query of the table waits behind it: one long SELECT turns a 10 ms ALTER "
     "into an outage.",
     "\"lock_timeout\": \"2s\" at the top of the migration file (`revision --online` writes it; "
     "the runner retries when the lock is not granted in time), or a sql step SET lock_timeout = "
     "'2s' before the DDL.",
     check_missing_lock_timeout},
    {"enum-value-removed", error, error,
     "An enum value cannot be dropped in place: PostgreSQL rebuilds the type and converts every "
     "column that uses it, rewriting those tables under ACCESS EXCLUSIVE locks; SQLite rebuilds "
     "each table whose CHECK lists the values. Either fails while a row holds the value, and the "
     "application version still running may write it.",
     "Release an application version that no longer writes the value, update the rows that hold "
     "it (a sql step), then acknowledge the finding; or keep the value and stop using it.",
     check_enum_value_removed},
    {"enum-values-reordered", error, never,
     "PostgreSQL orders enum values by declaration: moving one changes ORDER BY and comparisons "
     "on every column of the type, and is done by rebuilding the type and rewriting every table "
     "that uses it under ACCESS EXCLUSIVE locks.",
     "Keep the existing order and add new values where they belong (ADD VALUE BEFORE / AFTER is "
     "instant); order explicitly in queries that need another order.",
     check_enum_values_reordered},
    {"sqlite-table-rebuild", never, warning,
     "SQLite cannot make this change in place: the table is copied into a new one, dropped and "
     "renamed while the migration holds the database's write lock, so every writer waits (or "
     "fails with SQLITE_BUSY past its busy timeout) for as long as copying every row takes.",
     "Prefer what SQLite's ALTER TABLE does in place (a nullable column or one with a constant "
     "default, renames, dropping a plain column); otherwise run it when writers can wait and "
     "acknowledge the finding saying why the table is small enough.",
     check_sqlite_table_rebuild},
    {"sql-step-without-downgrade", warning, warning,
     "The downgrade runs no SQL for this dialect: downgrading leaves the data as this step "
     "changed it, silently.",
     "Write the inverse SQL as a sql step in \"downgrade\"; when there is nothing to undo (the "
     "downgrade drops what the step filled), acknowledge the finding and say so.",
     check_sql_step_without_downgrade},
}};

}  // namespace

std::string_view to_string(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

std::span<const Rule> rules() { return rule_table; }

const Rule* find_rule(std::string_view id) {
  auto found = std::find_if(rule_table.begin(), rule_table.end(), [&](const Rule& rule) { return rule.id == id; });
  return found == rule_table.end() ? nullptr : &*found;
}

std::string unknown_rule_problem(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const auto& rule : rule_table) ids.push_back(rule.id);
  std::string problem = "unknown lint rule \"" + std::string(id) + "\"";
  if (auto closest = detail::closest_name(id, ids, 3)) return problem + " (did you mean \"" + std::string(*closest) + "\"?)";
  problem += "; the rules are:";
  for (std::size_t i = 0; i < ids.size(); ++i) problem += (i ? ", " : " ") + std::string(ids[i]);
  return problem;
}

}  // namespace sqlmodel::migrate::lint
