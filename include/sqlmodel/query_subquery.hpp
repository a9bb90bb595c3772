// Subqueries: IN (SELECT ...), EXISTS (SELECT ...) and scalar (SELECT ...) in where() and in
// select lists. A subquery may refer to the outer query's columns (correlated).
//
//   // users with a post scoring over 5, and each user's best score
//   select(&User::name, scalar(select(max(col(&Post::score))).where(col(&Post::user_id) == col(&User::id))))
//       .where(col(&User::id).in(select(&Post::user_id).where(col(&Post::score) > 5)));
//   select<User>().where(!exists(select(&Post::id).where(col(&Post::user_id) == col(&User::id))));
//
// in() and scalar() take a select of exactly one column, of a type comparable with the left
// side (checked by the compiler); a scalar subquery reads as std::optional (no row is NULL).
#pragma once

#include <memory>
#include <optional>

#include "sqlmodel/query_compound.hpp"
#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/query_select.hpp"

namespace sqlmodel {

namespace detail {
// A select's parts, or a compound select's (query_compound.hpp).
template <typename Query>
detail::NodePtr subquery_node(const Query& query, std::string_view prefix) {
  if constexpr (requires { query.compound_core(); })
    return std::make_shared<detail::node::CompoundSubquery>(query.compound_member().compound, prefix);
  else
    return std::make_shared<detail::node::Subquery>(std::make_shared<const detail::SelectCore>(query.core()), prefix);
}
}  // namespace detail

template <typename V, typename S, bool N>
template <typename Query>
  requires requires { typename Query::single_column_type; }
Condition Expr<V, S, N>::in(const Query& subquery) const {
  static_assert(detail::comparable_v<operand_type, detail::unwrap_optional_t<typename Query::single_column_type>>,
                "in(subquery): the subquery's column has a type this expression cannot be compared with");
  return detail::compare_nodes(node_, "IN", detail::subquery_node(subquery, ""));
}

// EXISTS (SELECT ...)
template <typename Query>
  requires requires(const Query& query) { query.core(); } || requires(const Query& query) { query.compound_core(); }
Condition exists(const Query& subquery) {
  return Condition(detail::subquery_node(subquery, "EXISTS "));
}

// (SELECT one value ...) as an expression.
template <typename Query>
  requires requires { typename Query::single_column_type; }
auto scalar(const Query& subquery) {
  using Value = std::optional<detail::unwrap_optional_t<typename Query::single_column_type>>;
  return Expr<Value>(detail::subquery_node(subquery, ""));
}

}  // namespace sqlmodel
