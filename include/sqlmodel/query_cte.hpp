// Common table expressions (WITH), recursive ones included. A CTE is built from a select(...)
// whose items have names (columns keep theirs; label other expressions with .as("name")), and
// its columns are typed expressions again: tree.col<2>() is an Expr of the third item's type.
//
//   // the category tree under the roots, with each node's depth
//   auto tree = with_recursive(
//       "tree",
//       select(&Category::id, &Category::name, lit<std::int64_t>(0).as("depth"))
//           .where(col(&Category::parent_id).is_null()),
//       [](const auto& self) {
//         return select(&Category::id, &Category::name, self.template col<2>() + 1)
//             .join(self, col(&Category::parent_id) == self.template col<0>());
//       });
//   auto rows = session.exec(select(tree.col<1>(), tree.col<2>()).from(tree));
//   // std::vector<std::tuple<std::string, std::int64_t>>
//
// Reading from a CTE (.from(cte)) or joining it (.join(cte, on)) puts it in the statement's WITH
// clause. The recursive part must select the same column types as the anchor (checked by the
// compiler); it is joined with UNION ALL.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/query_select.hpp"

namespace sqlmodel {

template <typename... Values>
class Cte {
 public:
  Cte(std::shared_ptr<const detail::CteDefinition> definition, bool self_reference)
      : definition_(std::move(definition)), self_reference_(self_reference) {}

  // Column I, typed as the anchor's item I.
  template <std::size_t I>
  auto col() const {
    static_assert(I < sizeof...(Values), "the CTE has fewer columns");
    using Value = std::tuple_element_t<I, std::tuple<Values...>>;
    const std::string& column = definition_->columns[I];
    return Expr<Value>(std::make_shared<detail::node::Column>(definition_->name, column), column);
  }

  const std::string& name() const { return definition_->name; }
  const std::shared_ptr<const detail::CteDefinition>& definition() const { return definition_; }
  // The handle a recursive CTE's own definition uses to refer to itself.
  bool self_reference() const { return self_reference_; }

 private:
  std::shared_ptr<const detail::CteDefinition> definition_;
  bool self_reference_;
};

namespace detail {
template <typename Row>
struct cte_of;
template <typename... Values>
struct cte_of<std::tuple<Values...>> {
  using type = Cte<Values...>;
};

inline std::shared_ptr<detail::CteDefinition> cte_definition(std::string name, const detail::SelectCore& anchor) {
  auto definition = std::make_shared<detail::CteDefinition>();
  definition->name = std::move(name);
  definition->anchor = anchor;
  for (std::size_t i = 0; i < anchor.items.size(); ++i) {
    if (anchor.items[i].label.empty())
      throw std::invalid_argument("CTE '" + definition->name + "': item " + std::to_string(i + 1) +
                                  " of its select has no name; label it with .as(\"name\")");
    definition->columns.push_back(anchor.items[i].label);
  }
  return definition;
}
}  // namespace detail

// WITH name(columns) AS (query)
template <typename Query>
  requires requires { typename Query::row_type; }
auto cte(std::string name, const Query& query) {
  using Result = typename detail::cte_of<typename Query::row_type>::type;
  return Result(detail::cte_definition(std::move(name), query.core()), false);
}

// WITH RECURSIVE name(columns) AS (anchor UNION ALL make_recursive(self)): make_recursive gets
// the CTE itself to join.
template <typename Anchor, typename MakeRecursive>
  requires requires { typename Anchor::row_type; }
auto with_recursive(std::string name, const Anchor& anchor, MakeRecursive&& make_recursive) {
  using Result = typename detail::cte_of<typename Anchor::row_type>::type;
  std::shared_ptr<detail::CteDefinition> definition = detail::cte_definition(std::move(name), anchor.core());
  const Result self(definition, true);
  const auto recursive = std::forward<MakeRecursive>(make_recursive)(self);
  static_assert(std::is_same_v<typename std::remove_cvref_t<decltype(recursive)>::row_type,
                               typename Anchor::row_type>,
                "with_recursive(): the recursive part must select the anchor's column types");
  definition->recursive = recursive.core();
  return Result(std::move(definition), false);
}

}  // namespace sqlmodel
