// The database's plan for a query, as text.
//
//   std::string plan = session.explain(select<User>().where(col(&User::email) == email));
//   std::string timed = session.explain(query, sqlmodel::analyze);   // PostgreSQL only
//
// SQLite: EXPLAIN QUERY PLAN, one line per step, indented under its parent step.
// PostgreSQL: EXPLAIN (or EXPLAIN ANALYZE, which runs the statement: an UPDATE or DELETE
// changes rows, inside the session's transaction), the server's text lines.
// SQLite has no EXPLAIN ANALYZE: asking for it there is an error, not a plain plan in disguise.
// Works for every query type: select<T>(), select(...), update<T>(), delete_<T>(), text().
#pragma once

#include <string>

#include "sqlmodel/query_expr.hpp"

namespace sqlmodel {

enum class ExplainMode { plan, analyze };
inline constexpr ExplainMode analyze = ExplainMode::analyze;

class Session;

namespace detail {
// "EXPLAIN QUERY PLAN " / "EXPLAIN " / "EXPLAIN ANALYZE "; std::invalid_argument for ANALYZE on
// SQLite.
std::string explain_prefix(schema::Dialect dialect, ExplainMode mode);

// Runs the explained statement in the session and formats the plan (see above).
std::string explain_plan(Session& session, const detail::RenderedQuery& query, ExplainMode mode);
}  // namespace detail

}  // namespace sqlmodel
