// Window functions: ROW_NUMBER, RANK, DENSE_RANK and any aggregate OVER (PARTITION BY ...
// ORDER BY ...), typed like the rest of a select list.
//
//   auto ranked = select(&Post::title,
//                        row_number().over(partition_by(&Post::user_id).order_by(col(&Post::score).desc())),
//                        sum(col(&Post::score)).over(partition_by(&Post::user_id)));
//   // std::tuple<std::string, std::int64_t, std::int64_t>
//
// row_number()/rank()/dense_rank() are std::int64_t and exist only with .over(...): the
// compiler refuses them anywhere else.
//
// A window may say its frame, as SQL's ROWS / RANGE / GROUPS BETWEEN start AND end:
//
//   // a running total, and the average of each post with the one before and the one after
//   sum(col(&Post::score)).over(over().order_by(col(&Post::id)).rows_between(unbounded_preceding, current_row))
//   avg(col(&Post::score)).over(over().order_by(col(&Post::id)).rows_between(preceding(1), following(1)))
//
// A frame that starts after it ends (current_row .. preceding(1)), starts at UNBOUNDED
// FOLLOWING or ends at UNBOUNDED PRECEDING, or has a negative offset is refused when it is
// built, as both databases would refuse it when it runs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sqlmodel/query_aggregate.hpp"
#include "sqlmodel/query_expr.hpp"

namespace sqlmodel {

// One end of a window frame.
struct FrameBound {
  // In SQL's order: a frame's start may not come after its end.
  enum class Kind { unbounded_preceding, preceding, current_row, following, unbounded_following };
  Kind kind;
  std::int64_t offset = 0;  // rows (ROWS), peer groups (GROUPS) or ordering value (RANGE)
};
inline constexpr FrameBound unbounded_preceding{FrameBound::Kind::unbounded_preceding};
inline constexpr FrameBound current_row{FrameBound::Kind::current_row};
inline constexpr FrameBound unbounded_following{FrameBound::Kind::unbounded_following};
// n PRECEDING / n FOLLOWING
constexpr FrameBound preceding(std::int64_t n) { return {FrameBound::Kind::preceding, n}; }
constexpr FrameBound following(std::int64_t n) { return {FrameBound::Kind::following, n}; }

struct WindowFrame {
  enum class Unit { rows, range, groups };
  Unit unit;
  FrameBound start, end;
};

// The OVER (...) of a window function.
class Window {
 public:
  template <typename... Keys>
    requires(detail::ExprConvertible<Keys> && ...)
  Window& partition_by(const Keys&... keys) {
    (partition_.push_back(detail::to_expr(keys).node()), ...);
    return *this;
  }
  template <typename... More>
  Window& order_by(detail::OrderTerm first, More... more) {
    order_.push_back(std::move(first));
    (order_.push_back(detail::OrderTerm(more)), ...);
    return *this;
  }
  // ROWS BETWEEN start AND end: physical rows around the current one.
  Window& rows_between(FrameBound start, FrameBound end) { return frame(WindowFrame::Unit::rows, start, end); }
  // RANGE BETWEEN start AND end: rows whose ordering value is within the offsets (an offset
  // needs exactly one numeric order_by term).
  Window& range_between(FrameBound start, FrameBound end) { return frame(WindowFrame::Unit::range, start, end); }
  // GROUPS BETWEEN start AND end: peer groups (rows with equal ordering values) around the
  // current one.
  Window& groups_between(FrameBound start, FrameBound end) { return frame(WindowFrame::Unit::groups, start, end); }

  const std::vector<detail::NodePtr>& partition() const { return partition_; }
  const std::vector<detail::OrderTerm>& order() const { return order_; }
  const std::optional<WindowFrame>& frame() const { return frame_; }
  // A frame wholly before or after the current row (rows_between(preceding(3), preceding(1)))
  // is empty at the edge of a partition, where SUM, AVG, MIN and MAX are NULL.
  bool frame_may_be_empty() const {
    using Kind = FrameBound::Kind;
    return frame_ && (frame_->start.kind > Kind::current_row || frame_->end.kind < Kind::current_row);
  }

 private:
  Window& frame(WindowFrame::Unit unit, FrameBound start, FrameBound end);

  std::vector<detail::NodePtr> partition_;
  std::vector<detail::OrderTerm> order_;
  std::optional<WindowFrame> frame_;
};

// An empty window (the whole result), to add to: over().order_by(...).
inline Window over() { return {}; }
template <typename... Keys>
  requires(detail::ExprConvertible<Keys> && ...)
Window partition_by(const Keys&... keys) {
  Window window;
  window.partition_by(keys...);
  return window;
}

namespace detail {

namespace node {
// function OVER (PARTITION BY ... ORDER BY ...)
struct Over final : detail::SqlNode {
  Over(detail::NodePtr function, Window window) : function(std::move(function)), window(std::move(window)) {}
  detail::NodePtr function;
  Window window;
  void render(detail::RenderContext& context) const override;
};
}  // namespace node

}  // namespace detail

template <typename V, typename Sources, bool NullWhenEmpty>
template <typename W>
Expr<V, Sources, false> Aggregate<V, Sources, NullWhenEmpty>::over(const W& window) const {
  // The row type was fixed by the compiler before the frame was known.
  if constexpr (NullWhenEmpty && !detail::is_std_optional_v<V>)
    if (window.frame_may_be_empty())
      throw std::invalid_argument(
          "over(window): the window's frame does not hold the current row, so it is empty at the "
          "edge of a partition and this aggregate is NULL there, but it reads as a non-optional "
          "value; aggregate a nullable expression (e.g. a std::optional column) or use a frame that "
          "includes current_row");
  return Expr<V, Sources, false>(std::make_shared<detail::node::Over>(this->node(), window), std::string(),
                                 this->origin());
}

// A ranking function: only usable with .over(window).
class RankingFunction {
 public:
  explicit RankingFunction(std::string_view name) : name_(name) {}
  Expr<std::int64_t> over(const Window& window) const {
    return Expr<std::int64_t>(
        std::make_shared<detail::node::Over>(std::make_shared<detail::node::Function>(name_, std::vector<detail::NodePtr>{}), window));
  }

 private:
  std::string_view name_;
};

inline RankingFunction row_number() { return RankingFunction("ROW_NUMBER"); }
inline RankingFunction rank() { return RankingFunction("RANK"); }
inline RankingFunction dense_rank() { return RankingFunction("DENSE_RANK"); }

}  // namespace sqlmodel
