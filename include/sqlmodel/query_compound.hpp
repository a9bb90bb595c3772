// Compound selects: UNION, UNION ALL, INTERSECT and EXCEPT of selects whose columns have the
// same types (checked by the compiler), with ORDER BY / LIMIT / OFFSET on the whole result.
//
//   auto names = union_(select(&User::name).where(col(&User::age) < 18),
//                       select(&User::name).join(&User::posts).where(col(&Post::score) > 5));
//   names.order_by(names.col<0>().desc()).limit(10);
//   session.exec(names);  // std::vector<std::tuple<std::string>>
//
//   select(&User::id).union_all(select(&Post::user_id));  // the method form
//   select<User>().where(col(&User::id).in(names_of_ids));  // a subquery, like a select's
//
// A column of the result is std::optional when it is in any member. The result's columns are
// named by position in its ORDER BY (ORDER BY 1 DESC): both databases refuse a table-qualified
// column there.
//
// Members with their own ORDER BY / LIMIT / OFFSET or WITH, and nested compounds, are
// parenthesised on PostgreSQL. SQLite allows no parentheses around a member (and gives all
// four operators the same precedence, left to right), so there such a member is read through
// SELECT * FROM (...), which keeps the meaning the C++ expression has on both.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/query_select.hpp"

namespace sqlmodel {

namespace detail {

// The parts of a compound select.
struct CompoundCore {
  using Member = detail::CompoundPart;
  std::vector<Member> members;
  std::vector<std::string_view> operators;  // operators[i] joins members[i] and members[i + 1]
  std::vector<detail::OrderTerm> order;
  std::optional<std::int64_t> limit, offset;

  bool has_paging() const { return !order.empty() || limit || offset; }
  // The FROM table of the first select, for the statement cache and the listener.
  const std::string& first_table() const;
  void render(detail::RenderContext& context) const;
  detail::RenderedQuery render(schema::Dialect dialect) const;
};

namespace node {
// (a UNION b ...) inside another statement: IN, EXISTS, a scalar subquery.
struct CompoundSubquery final : detail::SqlNode {
  CompoundSubquery(std::shared_ptr<const detail::CompoundCore> query, std::string_view prefix)
      : query(std::move(query)), prefix(prefix) {}
  std::shared_ptr<const detail::CompoundCore> query;
  std::string_view prefix;  // "" or "EXISTS "
  void render(detail::RenderContext& context) const override;
};
// Column `position` (1-based) of a compound select's result, in its ORDER BY.
struct OutputColumn final : detail::SqlNode {
  explicit OutputColumn(std::size_t position) : position(position) {}
  std::size_t position;
  void render(detail::RenderContext& context) const override;
};
}  // namespace node

// Two selects can be compounded when they have as many columns and each pair has one type
// (std::optional aside).
template <typename A, typename B>
inline constexpr bool same_column_types_v = false;
template <typename... A, typename... B>
  requires(sizeof...(A) == sizeof...(B))
inline constexpr bool same_column_types_v<std::tuple<A...>, std::tuple<B...>> =
    (std::is_same_v<detail::unwrap_optional_t<A>, detail::unwrap_optional_t<B>> && ...);

template <typename A, typename B>
using compound_value_t = std::conditional_t<is_std_optional_v<A> || is_std_optional_v<B>,
                                            std::optional<detail::unwrap_optional_t<A>>, A>;
template <typename A, typename B>
struct compound_row;
template <typename... A, typename... B>
struct compound_row<std::tuple<A...>, std::tuple<B...>> {
  using type = std::tuple<compound_value_t<A, B>...>;
};

// What UNION and the others accept: a select(...) of columns or a compound.
template <typename Q>
concept CompoundMember = requires(const Q& query) {
  typename Q::row_type;
  query.compound_member();
};

// union_(a, b) and the others compile only when the selects' column types match.
template <typename A, typename B>
concept CompoundCompatible = detail::CompoundMember<A> && detail::CompoundMember<B> &&
                             detail::same_column_types_v<typename A::row_type, typename B::row_type>;

}  // namespace detail

template <typename Row>
class Compound : public detail::single_column<Row> {
 public:
  using runnable_query = void;
  using row_type = Row;

  explicit Compound(detail::CompoundCore core) : core_(std::make_shared<detail::CompoundCore>(std::move(core))) {}

  // Column I of the result, for order_by(): names.col<0>().desc().
  template <std::size_t I>
  auto col() const {
    static_assert(I < std::tuple_size_v<Row>, "the compound select has fewer columns");
    return Expr<std::tuple_element_t<I, Row>>(std::make_shared<detail::node::OutputColumn>(I + 1));
  }

  template <typename... More>
  Compound& order_by(detail::OrderTerm first, More... more) {
    mutable_core().order.push_back(std::move(first));
    (mutable_core().order.push_back(detail::OrderTerm(more)), ...);
    return *this;
  }
  Compound& limit(std::int64_t n) {
    mutable_core().limit = n;
    return *this;
  }
  Compound& offset(std::int64_t n) {
    mutable_core().offset = n;
    return *this;
  }

  template <detail::CompoundMember Q>
    requires detail::CompoundCompatible<Compound, Q>
  auto union_(const Q& other) const;
  template <detail::CompoundMember Q>
    requires detail::CompoundCompatible<Compound, Q>
  auto union_all(const Q& other) const;
  template <detail::CompoundMember Q>
    requires detail::CompoundCompatible<Compound, Q>
  auto intersect(const Q& other) const;
  template <detail::CompoundMember Q>
    requires detail::CompoundCompatible<Compound, Q>
  auto except(const Q& other) const;

  detail::CompoundCore::Member compound_member() const { return {nullptr, core_}; }
  const detail::CompoundCore& compound_core() const { return *core_; }
  detail::RenderedQuery render(schema::Dialect dialect) const { return core_->render(dialect); }

  // session.exec(query) calls this.
  template <typename S>
  std::vector<row_type> run(S& session) const {
    return detail::fetch_rows<row_type>(session, render(session.dialect()), core_->first_table());
  }

 private:
  // Copies share the core until one of them changes it.
  detail::CompoundCore& mutable_core() {
    if (core_.use_count() > 1) core_ = std::make_shared<detail::CompoundCore>(*core_);
    return *core_;
  }
  std::shared_ptr<detail::CompoundCore> core_;
};

namespace detail {
template <typename Q>
detail::CompoundCore::Member member_of(const Q& query) {
  return query.compound_member();
}

// a OP b: appended to a's members when a is a compound of the same operator with no paging of
// its own (UNION of three selects stays flat), else nested.
template <typename A, typename B>
auto compound(std::string_view op, const A& a, const B& b) {
  using Row = typename compound_row<typename A::row_type, typename B::row_type>::type;
  detail::CompoundCore core;
  const detail::CompoundCore::Member left = member_of(a);
  if (left.compound && !left.compound->has_paging() &&
      std::all_of(left.compound->operators.begin(), left.compound->operators.end(),
                  [&](std::string_view known) { return known == op; })) {
    core = *left.compound;
  } else {
    core.members.push_back(left);
  }
  core.members.push_back(member_of(b));
  core.operators.push_back(op);
  return Compound<Row>(std::move(core));
}

template <typename A, typename... More>
auto compound_all(std::string_view op, const A& first, const More&... more) {
  if constexpr (sizeof...(More) == 0) {
    return first;
  } else {
    return [&]<typename B, typename... Rest>(const B& second, const Rest&... rest) {
      return compound_all(op, compound(op, first, second), rest...);
    }(more...);
  }
}
}  // namespace detail

template <typename Row>
template <detail::CompoundMember Q>
  requires detail::CompoundCompatible<Compound<Row>, Q>
auto Compound<Row>::union_(const Q& other) const {
  return detail::compound("UNION", *this, other);
}
template <typename Row>
template <detail::CompoundMember Q>
  requires detail::CompoundCompatible<Compound<Row>, Q>
auto Compound<Row>::union_all(const Q& other) const {
  return detail::compound("UNION ALL", *this, other);
}
template <typename Row>
template <detail::CompoundMember Q>
  requires detail::CompoundCompatible<Compound<Row>, Q>
auto Compound<Row>::intersect(const Q& other) const {
  return detail::compound("INTERSECT", *this, other);
}
template <typename Row>
template <detail::CompoundMember Q>
  requires detail::CompoundCompatible<Compound<Row>, Q>
auto Compound<Row>::except(const Q& other) const {
  return detail::compound("EXCEPT", *this, other);
}

// SelectTuple's method forms: select(...).union_(select(...)).
template <bool Grouped, typename Nullable, typename... Items>
template <typename Q>
auto SelectTuple<Grouped, Nullable, Items...>::union_(const Q& other) const {
  static_assert(detail::CompoundCompatible<SelectTuple, Q>,
                "union_(): the selects must have as many columns, of the same types");
  return detail::compound("UNION", *this, other);
}
template <bool Grouped, typename Nullable, typename... Items>
template <typename Q>
auto SelectTuple<Grouped, Nullable, Items...>::union_all(const Q& other) const {
  static_assert(detail::CompoundCompatible<SelectTuple, Q>,
                "union_all(): the selects must have as many columns, of the same types");
  return detail::compound("UNION ALL", *this, other);
}
template <bool Grouped, typename Nullable, typename... Items>
template <typename Q>
auto SelectTuple<Grouped, Nullable, Items...>::intersect(const Q& other) const {
  static_assert(detail::CompoundCompatible<SelectTuple, Q>,
                "intersect(): the selects must have as many columns, of the same types");
  return detail::compound("INTERSECT", *this, other);
}
template <bool Grouped, typename Nullable, typename... Items>
template <typename Q>
auto SelectTuple<Grouped, Nullable, Items...>::except(const Q& other) const {
  static_assert(detail::CompoundCompatible<SelectTuple, Q>,
                "except(): the selects must have as many columns, of the same types");
  return detail::compound("EXCEPT", *this, other);
}

// union_(a, b, ...), union_all(...), intersect(...), except(...): the function forms, like
// SQLAlchemy's union(*selects). A name has a trailing underscore only where the SQL word is a
// C++ keyword (union_, and delete_<T>()). except is left-associative: except(a, b, c) is a - b - c.
template <detail::CompoundMember A, detail::CompoundMember... More>
  requires(sizeof...(More) > 0 && (detail::CompoundCompatible<A, More> && ...))
auto union_(const A& first, const More&... more) {
  return detail::compound_all("UNION", first, more...);
}
template <detail::CompoundMember A, detail::CompoundMember... More>
  requires(sizeof...(More) > 0 && (detail::CompoundCompatible<A, More> && ...))
auto union_all(const A& first, const More&... more) {
  return detail::compound_all("UNION ALL", first, more...);
}
template <detail::CompoundMember A, detail::CompoundMember... More>
  requires(sizeof...(More) > 0 && (detail::CompoundCompatible<A, More> && ...))
auto intersect(const A& first, const More&... more) {
  return detail::compound_all("INTERSECT", first, more...);
}
template <detail::CompoundMember A, detail::CompoundMember... More>
  requires(sizeof...(More) > 0 && (detail::CompoundCompatible<A, More> && ...))
auto except(const A& first, const More&... more) {
  return detail::compound_all("EXCEPT", first, more...);
}

}  // namespace sqlmodel
