// Aggregate functions with typed results, for select(...) lists, having() and window
// functions (query_window.hpp):
//
//   select(&Post::user_id, count(), sum(col(&Post::score)), avg(col(&Post::score)))
//       .group_by(&Post::user_id)
//       .having(count() > 1);
//   // std::tuple<std::int64_t, std::int64_t, std::int64_t, double>
//
// count() / count(expr) / count_distinct(expr) -> std::int64_t (never NULL).
// sum(integers) -> std::int64_t, sum(floating point) -> double, avg(numbers) -> double,
// min(expr) / max(expr) -> the expression's type. These four are NULL over no rows, so the
// select they are in reads them as std::optional unless it is grouped (a group has rows) and
// the argument is neither nullable nor from a left-joined model (see query_select.hpp).
// Decimal columns are not summed here: their SQLite storage is text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>

#include "sqlmodel/query_expr.hpp"

namespace sqlmodel {

class Window;

// An aggregate: an expression that can also run as a window function with .over(window)
// (query_window.hpp). Over a window the frame always holds the current row, so the result is
// NULL only when the values are.
template <typename V, typename Sources, bool NullWhenEmpty>
class Aggregate : public Expr<V, Sources, NullWhenEmpty> {
 public:
  using Expr<V, Sources, NullWhenEmpty>::Expr;
  template <typename W = Window>
  Expr<V, Sources, false> over(const W& window) const;
};

namespace detail {
template <typename V, typename E>
using optional_like_t =
    std::conditional_t<is_std_optional_v<typename detail::expr_t<E>::value_type>, std::optional<V>, V>;

template <typename V, typename Sources, bool NullWhenEmpty>
Aggregate<V, Sources, NullWhenEmpty> aggregate(std::string_view function, std::vector<detail::NodePtr> args,
                                               detail::TableRef origin, bool distinct = false, bool star = false) {
  return Aggregate<V, Sources, NullWhenEmpty>(
      std::make_shared<detail::node::Function>(function, std::move(args), distinct, star), std::string(), std::move(origin));
}
}  // namespace detail

// COUNT(*)
inline Aggregate<std::int64_t, detail::type_list<>, false> count() {
  return detail::aggregate<std::int64_t, detail::type_list<>, false>("COUNT", {}, {}, false, true);
}
// COUNT(expr): the rows where it is not NULL.
template <detail::ExprConvertible E>
Aggregate<std::int64_t, detail::type_list<>, false> count(const E& expression) {
  return detail::aggregate<std::int64_t, detail::type_list<>, false>("COUNT", {detail::to_expr(expression).node()}, detail::to_expr(expression).origin());
}
template <detail::ExprConvertible E>
Aggregate<std::int64_t, detail::type_list<>, false> count_distinct(const E& expression) {
  return detail::aggregate<std::int64_t, detail::type_list<>, false>("COUNT", {detail::to_expr(expression).node()}, detail::to_expr(expression).origin(), true);
}

template <detail::ExprConvertible E>
  requires detail::Arithmetic<typename detail::expr_t<E>::operand_type>
auto sum(const E& expression) {
  using Operand = typename detail::expr_t<E>::operand_type;
  using Sum = std::conditional_t<std::is_floating_point_v<Operand>, double, std::int64_t>;
  return detail::aggregate<detail::optional_like_t<Sum, E>, typename detail::expr_t<E>::sources, true>(
      "SUM", {detail::to_expr(expression).node()}, detail::to_expr(expression).origin());
}

template <detail::ExprConvertible E>
  requires detail::Arithmetic<typename detail::expr_t<E>::operand_type>
auto avg(const E& expression) {
  // AVG of integers is numeric on PostgreSQL and real on SQLite; both read as double.
  return detail::aggregate<detail::optional_like_t<double, E>, typename detail::expr_t<E>::sources, true>(
      "AVG", {detail::to_expr(expression).node()}, detail::to_expr(expression).origin());
}

template <detail::ExprConvertible E>
auto min(const E& expression) {
  using Value = typename detail::expr_t<E>::value_type;
  return detail::aggregate<Value, typename detail::expr_t<E>::sources, true>("MIN", {detail::to_expr(expression).node()}, detail::to_expr(expression).origin());
}

template <detail::ExprConvertible E>
auto max(const E& expression) {
  using Value = typename detail::expr_t<E>::value_type;
  return detail::aggregate<Value, typename detail::expr_t<E>::sources, true>("MAX", {detail::to_expr(expression).node()}, detail::to_expr(expression).origin());
}

}  // namespace sqlmodel
