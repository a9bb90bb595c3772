// Typed queries: conditions are built from member pointers and C++ values, so a misspelled
// column or a value of the wrong type is a compile error, not a runtime SQL error.
//
//   auto adults = session.exec(sqlmodel::select<User>()
//                                  .where(col(&User::age) >= 18 && col(&User::name).like("A%"))
//                                  .order_by(col(&User::name).desc())
//                                  .limit(10));
//
// Values always travel as bound parameters; identifiers are quoted by the dialect.
// This header brings in every part of the query API, one header each:
//   query_expr.hpp           columns, literals, comparisons, arithmetic, and/or/not
//   query_select.hpp         select<T>() of models, select(...) of columns into tuples, joins,
//                            group by / having, order / limit / offset / distinct
//   query_alias.hpp          alias<T>("name"): a table under another name, for self-joins
//   query_aggregate.hpp      count, sum, avg, min, max with typed results
//   query_window.hpp         row_number, rank, dense_rank, aggregates OVER (PARTITION BY ...
//                            ORDER BY ... ROWS / RANGE / GROUPS BETWEEN ...)
//   query_compound.hpp       UNION, UNION ALL, INTERSECT, EXCEPT
//   query_subquery.hpp       IN (subquery), EXISTS, scalar subqueries
//   query_cte.hpp            WITH and WITH RECURSIVE
//   query_update_delete.hpp  update<T>().set(...).where(...), delete_<T>().where(...)
//   query_text.hpp           text("... :name ...") raw SQL with typed results
//   query_explain.hpp        session.explain(query[, analyze])
#pragma once

#include "sqlmodel/query_aggregate.hpp"
#include "sqlmodel/query_alias.hpp"
#include "sqlmodel/query_compound.hpp"
#include "sqlmodel/query_cte.hpp"
#include "sqlmodel/query_explain.hpp"
#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/query_select.hpp"
#include "sqlmodel/query_subquery.hpp"
#include "sqlmodel/query_text.hpp"
#include "sqlmodel/query_update_delete.hpp"
#include "sqlmodel/query_window.hpp"
