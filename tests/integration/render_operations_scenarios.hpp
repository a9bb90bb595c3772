// Migration operations executed on a real database, one scenario per kind of change: create a
// schema with render_create_all, fill every table, render and run the operation, compare the
// introspected database with what the replayed model says it should hold, check the rows, then
// run the inverse and check again that the database and its rows are back where they started.
// The SQLite and PostgreSQL suites run the same scenarios.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "schema/operations.hpp"
#include "schema/render_operations.hpp"

namespace sqlmodel::testing {

struct RenderScenario {
  std::string name;
  schema::Schema base;                         // created with render_create_all
  std::vector<std::string> rows;               // INSERTs filling every table of `base`
  std::vector<schema::Operation> operations;   // applied to `base`
  // "table.column" whose values the operation itself rewrites (a NULL filled with the new
  // default): their values are not compared.
  std::vector<std::string> rewritten_columns;
  // PostgreSQL appends a re-added column at the end: the downgrade then holds the same columns
  // in another order, which this flag lets the comparison ignore there.
  bool reorders_columns_on_postgres = false;
  // Statements that must succeed once the downgrade is done (an insert that relies on an
  // identity sequence being past the existing rows, say).
  std::vector<std::string> after_downgrade;
};

// teams, users (enum column, FK to teams, CHECK, unique index) and tasks (FK to users, CHECK,
// index, server defaults), and the enum "mood". Most scenarios start from it; the rest start
// from awkward_identifiers_schema() (reserved words, quotes, mixed case).
schema::Schema render_scenario_base_schema();

std::vector<RenderScenario> render_scenarios();

// Runs rendered steps the way the migration runner does (see RenderedStep), reporting a
// failing statement through GoogleTest before rethrowing.
void execute_steps(db::Connection& connection, const std::vector<schema::RenderedStep>& steps,
                   const std::string& what);
// The CREATE TRIGGER statements of `tables` (SQLite).
std::vector<std::string> sqlite_triggers_of(db::Connection& connection, const std::vector<std::string>& tables);

// Runs `scenario` on the empty database behind `connection`; failures are reported through
// GoogleTest assertions.
void run_render_scenario(db::Connection& connection, const RenderScenario& scenario);

// For INSTANTIATE_TEST_SUITE_P names.
inline std::ostream& operator<<(std::ostream& out, const RenderScenario& scenario) {
  return out << scenario.name;
}

}  // namespace sqlmodel::testing
