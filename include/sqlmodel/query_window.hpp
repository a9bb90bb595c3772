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
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sqlmodel/query_aggregate.hpp"
#include "sqlmodel/query_expr.hpp"

namespace sqlmodel {

// The OVER (...) of a window function.
class Window {
 public:
  template <typename... Keys>
    requires(ExprConvertible<Keys> && ...)
  Window& partition_by(const Keys&... keys) {
    (partition_.push_back(to_expr(keys).node()), ...);
    return *this;
  }
  template <typename... More>
  Window& order_by(OrderTerm first, More... more) {
    order_.push_back(std::move(first));
    (order_.push_back(OrderTerm(more)), ...);
    return *this;
  }
  const std::vector<NodePtr>& partition() const { return partition_; }
  const std::vector<OrderTerm>& order() const { return order_; }

 private:
  std::vector<NodePtr> partition_;
  std::vector<OrderTerm> order_;
};

// An empty window (the whole result), to add to: over().order_by(...).
inline Window over() { return {}; }
template <typename... Keys>
  requires(ExprConvertible<Keys> && ...)
Window partition_by(const Keys&... keys) {
  Window window;
  window.partition_by(keys...);
  return window;
}

namespace node {
// function OVER (PARTITION BY ... ORDER BY ...)
struct Over final : SqlNode {
  Over(NodePtr function, Window window) : function(std::move(function)), window(std::move(window)) {}
  NodePtr function;
  Window window;
  void render(RenderContext& context) const override;
};
}  // namespace node

template <typename V, typename Sources, bool NullWhenEmpty>
template <typename W>
Expr<V, Sources, false> Aggregate<V, Sources, NullWhenEmpty>::over(const W& window) const {
  return Expr<V, Sources, false>(std::make_shared<node::Over>(this->node(), window), std::string(),
                                 this->origin());
}

// A ranking function: only usable with .over(window).
class RankingFunction {
 public:
  explicit RankingFunction(std::string_view name) : name_(name) {}
  Expr<std::int64_t> over(const Window& window) const {
    return Expr<std::int64_t>(
        std::make_shared<node::Over>(std::make_shared<node::Function>(name_, std::vector<NodePtr>{}), window));
  }

 private:
  std::string_view name_;
};

inline RankingFunction row_number() { return RankingFunction("ROW_NUMBER"); }
inline RankingFunction rank() { return RankingFunction("RANK"); }
inline RankingFunction dense_rank() { return RankingFunction("DENSE_RANK"); }

}  // namespace sqlmodel
