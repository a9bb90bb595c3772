// Typed SQL expressions: columns, literals, arithmetic and comparisons, each carrying its C++
// value type, so that a comparison of a number with a string, or LIKE on an integer, is a
// compile error and every selected value is read back as the right C++ type.
//
//   auto older = col(&User::age) > 30;                        // Condition
//   auto next = col(&Category::depth) + 1;                     // Expr<std::int64_t, ...>
//   auto same_author = col(&Post::user_id) == col(&User::id);  // column against column
//   auto zero = lit<std::int64_t>(0).as("depth");              // a labelled bound literal
//
// An Expr<V, Sources, NullWhenEmpty> knows V (its C++ value type, std::optional when it may be
// NULL), Sources (the models its columns come from, so that a LEFT JOIN can make them
// optional) and NullWhenEmpty (aggregates like SUM that are NULL over no rows). Values always
// travel as bound parameters; identifiers are quoted by the dialect.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/value_codec.hpp"

namespace sqlmodel {

namespace detail {

// A value whose bound form depends on the dialect (an array is a PostgreSQL array literal there
// and JSON text on SQLite): it keeps the C++ value and runs its codec when the statement is
// bound, because only the Statement knows its dialect (a query is built before it meets a
// session).
class DialectBoundValue {
 public:
  virtual ~DialectBoundValue() = default;
  virtual void bind(Statement& statement, int index) const = 0;
};
using DialectBoundParam = std::shared_ptr<const detail::DialectBoundValue>;

// A UUID and the form of the column it is compared with or written to (nullopt: no column).
struct UuidParam {
  UUID value;
  std::optional<SqliteUuid> column_form;
};

// A value as it is bound: what value_codec produced for the C++ value, or the value itself when
// its codec asks the statement for the dialect.
using Param = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                           std::vector<std::uint8_t>, detail::UuidParam, detail::DialectBoundParam>;

void bind_param(Statement& statement, int index, const detail::Param& param);
// "?" on SQLite, "$n" on PostgreSQL (n is 1-based).
std::string placeholder(schema::Dialect dialect, std::size_t number);

// A Statement that only records what a codec binds: turns any codable C++ value into a Param.
class ParamCapture final : public detail::BindOnlyStatement {
 public:
  ParamCapture() : BindOnlyStatement("") {}
  detail::Param value;
  void bind_null(int) override { value = std::monostate{}; }
  void bind_bool(int, bool v) override { value = v; }
  void bind_int64(int, std::int64_t v) override { value = v; }
  void bind_double(int, double v) override { value = v; }
  void bind_text(int, std::string_view v) override { value = std::string(v); }
  void bind_blob(int, std::span<const std::uint8_t> v) override {
    value = std::vector<std::uint8_t>(v.begin(), v.end());
  }
  void bind_uuid(int, const UUID& v, std::optional<SqliteUuid> column_form) override {
    value = detail::UuidParam{v, column_form};
  }
};

inline void bind_params(Statement& statement, const std::vector<detail::Param>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) detail::bind_param(statement, static_cast<int>(i), params[i]);
}

template <typename V>
inline constexpr bool is_std_optional_v = false;
template <typename V>
inline constexpr bool is_std_optional_v<std::optional<V>> = true;

// The C++ types whose codec binds differently per dialect (value_codec<std::vector<T>> for the
// array element types it knows; a byte vector is a blob on both).
template <typename V>
inline constexpr bool binds_per_dialect_v = false;
template <typename T>
inline constexpr bool binds_per_dialect_v<std::vector<T>> =
    !std::is_same_v<T, std::uint8_t> && !std::is_same_v<T, std::byte> &&
    requires { detail::pg_array_element<T>::quoted; };
template <typename V>
inline constexpr bool binds_per_dialect_v<std::optional<V>> = detail::binds_per_dialect_v<V>;

template <typename V>
class BoundAtExecution final : public detail::DialectBoundValue {
 public:
  explicit BoundAtExecution(V value) : value_(std::move(value)) {}
  void bind(Statement& statement, int index) const override { value_codec<V>::bind(statement, index, value_); }
  const V& value() const { return value_; }

 private:
  V value_;
};

// `uuid_form`: the form of the column the value goes with, for a UUID (SQLite stores either).
template <typename V>
detail::Param to_param(const V& value, std::optional<SqliteUuid> uuid_form = std::nullopt) {
  if constexpr (detail::binds_per_dialect_v<V>) {
    return detail::DialectBoundParam(std::make_shared<const detail::BoundAtExecution<V>>(value));
  } else {
    detail::ParamCapture capture;
    detail::bind_in_column_form(capture, 0, value, uuid_form);
    return std::move(capture.value);
  }
}

// SQL and parameters of a rendered query.
struct RenderedQuery {
  std::string sql;
  std::vector<detail::Param> params;
};

// Where a query is being rendered: the SQL so far and the parameters bound so far, so that
// each placeholder gets the next number in text order.
struct RenderContext {
  schema::Dialect dialect;
  std::string& sql;
  std::vector<detail::Param>& params;
  // The column the values being bound are compared with or assigned to, when there is one:
  // a NUL in text bound for PostgreSQL is refused naming it (NulInTextError).
  std::string_view subject_table = {};
  std::string_view subject_column = {};

  void bind(detail::Param value);
  void identifier(std::string_view name);
  void column(std::string_view table, std::string_view column);
};

// A piece of SQL in an expression tree.
class SqlNode {
 public:
  virtual ~SqlNode() = default;
  virtual void render(detail::RenderContext& context) const = 0;
};
using NodePtr = std::shared_ptr<const detail::SqlNode>;

namespace node {
// "table"."column"; `uuid_form`: how a UUID column stores its values, so that a value compared
// with it is bound in that form.
struct Column final : detail::SqlNode {
  Column(std::string table, std::string column, std::optional<SqliteUuid> uuid_form = std::nullopt)
      : table(std::move(table)), column(std::move(column)), uuid_form(uuid_form) {}
  std::string table, column;
  std::optional<SqliteUuid> uuid_form;
  void render(detail::RenderContext& context) const override;
};
// A bound value. `typed`: on PostgreSQL the placeholder is CAST to the value's SQL type, for
// places where the server cannot infer it (a select list, a CTE's anchor).
struct Value final : detail::SqlNode {
  Value(detail::Param value, bool typed) : value(std::move(value)), typed(typed) {}
  detail::Param value;
  bool typed;
  void render(detail::RenderContext& context) const override;
};
// (left op right) for arithmetic, left op right for comparisons.
struct Binary final : detail::SqlNode {
  Binary(detail::NodePtr left, std::string_view op, detail::NodePtr right, bool parenthesised)
      : left(std::move(left)), op(op), right(std::move(right)), parenthesised(parenthesised) {}
  detail::NodePtr left;
  std::string_view op;
  detail::NodePtr right;
  bool parenthesised;
  void render(detail::RenderContext& context) const override;
};
// NAME(args) or NAME(DISTINCT args); NAME(*) when `star`.
struct Function final : detail::SqlNode {
  Function(std::string_view name, std::vector<detail::NodePtr> args, bool distinct = false, bool star = false)
      : name(name), args(std::move(args)), distinct(distinct), star(star) {}
  std::string_view name;
  std::vector<detail::NodePtr> args;
  bool distinct, star;
  void render(detail::RenderContext& context) const override;
};
// operand IS NULL / IS NOT NULL
struct NullTest final : detail::SqlNode {
  NullTest(detail::NodePtr operand, bool negated) : operand(std::move(operand)), negated(negated) {}
  detail::NodePtr operand;
  bool negated;
  void render(detail::RenderContext& context) const override;
};
// operand IN (v1, v2, ...); nothing matches an empty list.
struct InList final : detail::SqlNode {
  InList(detail::NodePtr operand, std::vector<detail::Param> values) : operand(std::move(operand)), values(std::move(values)) {}
  detail::NodePtr operand;
  std::vector<detail::Param> values;
  void render(detail::RenderContext& context) const override;
};
// (left AND right), (left OR right)
struct Logical final : detail::SqlNode {
  Logical(detail::NodePtr left, std::string_view op, detail::NodePtr right)
      : left(std::move(left)), op(op), right(std::move(right)) {}
  detail::NodePtr left;
  std::string_view op;
  detail::NodePtr right;
  void render(detail::RenderContext& context) const override;
};
// NOT (operand)
struct Not final : detail::SqlNode {
  explicit Not(detail::NodePtr operand) : operand(std::move(operand)) {}
  detail::NodePtr operand;
  void render(detail::RenderContext& context) const override;
};
}  // namespace node

// The column of a condition: "table"."column".
inline NodePtr column_node(std::string_view table, std::string_view column) {
  return std::make_shared<node::Column>(std::string(table), std::string(column));
}

// A value compared with `compared_with`, as a parameter: a UUID in the form of the column it is
// compared with, when that is a column.
template <typename V>
detail::Param compared_param(const detail::SqlNode& compared_with, const V& value) {
  if constexpr (std::is_same_v<detail::unwrap_optional_t<V>, UUID>) {
    const auto* column = dynamic_cast<const node::Column*>(&compared_with);
    return detail::to_param(value, column ? column->uuid_form : std::nullopt);
  } else {
    return detail::to_param(value);
  }
}

}  // namespace detail

// A boolean SQL expression, for where(), having() and join conditions: built by the comparison
// operators below, combined with &&, || and !. It is a node of the one expression tree
// (detail::SqlNode) like every other expression, and renders itself.
class Condition {
 public:
  explicit Condition(detail::NodePtr node) : node_(std::move(node)) {}
  const detail::NodePtr& node() const { return node_; }

  friend Condition operator&&(const Condition& a, const Condition& b) {
    return Condition(std::make_shared<detail::node::Logical>(a.node_, "AND", b.node_));
  }
  friend Condition operator||(const Condition& a, const Condition& b) {
    return Condition(std::make_shared<detail::node::Logical>(a.node_, "OR", b.node_));
  }
  friend Condition operator!(const Condition& a) { return Condition(std::make_shared<detail::node::Not>(a.node_)); }

 private:
  detail::NodePtr node_;
};

namespace detail {

// One ORDER BY term: a column (table/column), or any expression when `expression` is set.
struct OrderTerm {
  std::string_view table;
  std::string_view column;
  bool descending = false;
  detail::NodePtr expression = nullptr;
};
void render_order_terms(detail::RenderContext& context, const std::vector<detail::OrderTerm>& terms);

// ---- type lists: which models an expression reads ----
template <typename... Ts>
struct type_list {};

template <typename A, typename B>
struct concat;
template <typename... A, typename... B>
struct concat<detail::type_list<A...>, detail::type_list<B...>> {
  using type = detail::type_list<A..., B...>;
};
template <typename T, typename List>
inline constexpr bool contains_v = false;
template <typename T, typename... Ts>
inline constexpr bool contains_v<T, detail::type_list<Ts...>> = (std::is_same_v<T, Ts> || ...);
template <typename A, typename B>
inline constexpr bool intersects_v = false;
template <typename... A, typename B>
inline constexpr bool intersects_v<detail::type_list<A...>, B> = (contains_v<A, B> || ...);
template <typename A, typename B>
using concat_t = typename detail::concat<A, B>::type;

template <typename V>
concept Arithmetic = (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>);

// A table as a query names it: the table, and the alias it goes by when it has one
// (alias<Category>("parent"): FROM "categories" AS "parent").
struct TableRef {
  TableRef(std::string table = {}, std::string alias = {}) : table(std::move(table)), alias(std::move(alias)) {}
  std::string table;
  std::string alias;
  bool empty() const { return table.empty(); }
  // How columns refer to it.
  const std::string& name() const { return alias.empty() ? table : alias; }
};

}  // namespace detail

// ---- expressions ----
template <typename V, typename Sources = detail::type_list<>, bool NullWhenEmpty = false>
class Expr {
 public:
  using is_sql_expression = void;
  using value_type = V;
  using sources = Sources;
  static constexpr bool null_when_empty = NullWhenEmpty;
  // What it is compared with: the value type without std::optional.
  using operand_type = detail::unwrap_optional_t<V>;

  // `label` names it in a select list (a CTE's column names come from it); `origin` is the
  // table of its first column, from which select(...) infers its FROM.
  explicit Expr(detail::NodePtr node, std::string label = {}, detail::TableRef origin = {})
      : node_(std::move(node)), label_(std::move(label)), origin_(std::move(origin)) {}

  const detail::NodePtr& node() const { return node_; }
  const std::string& label() const { return label_; }
  const detail::TableRef& origin() const { return origin_; }

  // The same expression under another name: SELECT ... AS "label" / a CTE column name.
  Expr as(std::string label) const {
    Expr copy = *this;
    copy.label_ = std::move(label);
    return copy;
  }

  Condition is_null() const { return Condition(std::make_shared<detail::node::NullTest>(node_, false)); }
  Condition is_not_null() const { return Condition(std::make_shared<detail::node::NullTest>(node_, true)); }
  Condition in(std::span<const operand_type> values) const {
    std::vector<detail::Param> params;
    params.reserve(values.size());
    for (const auto& value : values) params.push_back(detail::compared_param(*node_, value));
    return Condition(std::make_shared<detail::node::InList>(node_, std::move(params)));
  }
  Condition in(std::initializer_list<operand_type> values) const {
    return in(std::span<const operand_type>(values.begin(), values.size()));
  }
  Condition in(const std::vector<operand_type>& values) const {
    return in(std::span<const operand_type>(values));
  }
  // expr IN (SELECT one column ...): see query_subquery.hpp.
  template <typename Query>
    requires requires { typename Query::single_column_type; }
  Condition in(const Query& subquery) const;

  detail::OrderTerm asc() const { return {{}, {}, false, node_}; }
  detail::OrderTerm desc() const { return {{}, {}, true, node_}; }
  operator detail::OrderTerm() const { return asc(); }

 private:
  detail::NodePtr node_;
  std::string label_;
  detail::TableRef origin_;
};

// A column of model T holding values of type V: col(&User::email).
template <typename T, typename V>
class ColumnRef {
 public:
  using is_sql_expression = void;
  using model_type = T;
  using value_type = V;
  // A comparison takes the member's type, or the type inside its std::optional.
  using operand_type = detail::unwrap_optional_t<V>;

  explicit ColumnRef(V T::*member)
      : table_(model_traits<T>::table_name),
        column_(column_name<T>(member)),
        uuid_form_(detail::column_uuid_form<T>(member)) {}

  std::string_view table() const { return table_; }
  std::string_view column() const { return column_; }

  // The column as a general expression (arithmetic, functions, select lists).
  Expr<V, detail::type_list<T>> expr() const {
    return Expr<V, detail::type_list<T>>(
        std::make_shared<detail::node::Column>(std::string(table_), std::string(column_), uuid_form_),
        std::string(column_), std::string(table_));
  }
  operator Expr<V, detail::type_list<T>>() const { return expr(); }
  Expr<V, detail::type_list<T>> as(std::string label) const { return expr().as(std::move(label)); }

  Condition in(std::span<const operand_type> values) const { return expr().in(values); }
  Condition in(std::initializer_list<operand_type> values) const {
    return in(std::span<const operand_type>(values.begin(), values.size()));
  }
  Condition in(const std::vector<operand_type>& values) const {
    return in(std::span<const operand_type>(values));
  }
  template <typename Query>
    requires requires { typename Query::single_column_type; }
  Condition in(const Query& subquery) const {
    return expr().in(subquery);
  }

  Condition like(std::string_view pattern) const
    requires std::is_same_v<operand_type, std::string>
  {
    return Condition(std::make_shared<detail::node::Binary>(
        expr().node(), "LIKE", std::make_shared<detail::node::Value>(std::string(pattern), false), false));
  }
  Condition is_null() const { return expr().is_null(); }
  Condition is_not_null() const { return expr().is_not_null(); }

  detail::OrderTerm asc() const { return {table_, column_, false}; }
  detail::OrderTerm desc() const { return {table_, column_, true}; }
  operator detail::OrderTerm() const { return asc(); }

 private:
  std::string_view table_;
  std::string_view column_;
  std::optional<SqliteUuid> uuid_form_;
};

template <typename T, typename V>
  requires TableModel<T>
ColumnRef<T, V> col(V T::*member) {
  return ColumnRef<T, V>(member);
}

// A member a mixin declares has the mixin in its pointer's type (&Account::created_at is a
// `time_point TimestampMixin::*`), so the model cannot be deduced from it; name the model:
// col<Account>(&Account::created_at).
template <typename T, typename V, typename Base>
  requires(TableModel<T> && !std::is_same_v<T, Base> && std::is_base_of_v<Base, T>)
ColumnRef<T, V> col(V Base::*member) {
  return ColumnRef<T, V>(static_cast<V T::*>(member));
}

namespace detail {
template <typename>
inline constexpr bool dependent_false_v = false;
}
// col(&Account::created_at) without the model: said at compile time, with the fix.
template <typename Mixin, typename V>
  requires(!TableModel<Mixin>)
void col(V Mixin::*) {
  static_assert(detail::dependent_false_v<Mixin>,
                "col(&Model::member): the member is declared in a base class of the model (a mixin "
                "such as sqlmodel::TimestampMixin), so its pointer names the mixin, not the model; "
                "name the model: col<Model>(&Model::member)");
}

// A bound literal, typed: lit(0), lit<std::int64_t>(0), lit(std::string("x")).
template <typename V>
  requires Codable<V>
Expr<V> lit(const V& value) {
  return Expr<V>(std::make_shared<detail::node::Value>(detail::to_param(value), true));
}

namespace detail {

// ---- anything usable as an expression: Expr, ColumnRef, a column's member pointer ----
template <typename E>
concept SqlExpression = requires { typename std::remove_cvref_t<E>::is_sql_expression; };

template <typename V, typename S, bool N>
const Expr<V, S, N>& to_expr(const Expr<V, S, N>& expr) {
  return expr;
}
template <typename T, typename V>
Expr<V, detail::type_list<T>> to_expr(const ColumnRef<T, V>& column) {
  return column.expr();
}
template <typename T, typename V>
  requires TableModel<T>
Expr<V, detail::type_list<T>> to_expr(V T::*member) {
  return col(member).expr();
}
template <typename E>
using expr_t = std::remove_cvref_t<decltype(to_expr(std::declval<const E&>()))>;

template <typename E>
concept ExprConvertible = requires(const E& e) { to_expr(e); };

// Two value types that SQL compares meaningfully: the same type, or two numbers.
template <typename A, typename B>
inline constexpr bool comparable_v =
    std::is_same_v<A, B> || (detail::Arithmetic<A> && detail::Arithmetic<B>);

template <typename E, typename X>
concept ValueFor = !detail::SqlExpression<X> && std::convertible_to<const X&, typename E::operand_type>;

template <typename A, typename B>
concept ComparableExprs = detail::SqlExpression<A> && detail::SqlExpression<B> &&
                          comparable_v<typename A::operand_type, typename B::operand_type>;

inline Condition compare_nodes(const detail::NodePtr& left, std::string_view op, const detail::NodePtr& right) {
  return Condition(std::make_shared<detail::node::Binary>(left, op, right, false));
}

template <typename E, typename X>
Condition compare_value(const E& expression, std::string_view op, const X& value) {
  using Operand = typename E::operand_type;
  const detail::NodePtr compared = to_expr(expression).node();
  return compare_nodes(compared, op,
                       std::make_shared<detail::node::Value>(detail::compared_param(*compared, Operand(value)), false));
}

// The value type of a + b: the common type of the operands, std::optional when either is.
template <typename A, typename B>
using arithmetic_result_t = std::conditional_t<
    is_std_optional_v<A> || is_std_optional_v<B>,
    std::optional<std::common_type_t<detail::unwrap_optional_t<A>, detail::unwrap_optional_t<B>>>,
    std::common_type_t<detail::unwrap_optional_t<A>, detail::unwrap_optional_t<B>>>;

}  // namespace detail

// Comparisons: expression against a value of its type, or against another expression of a
// comparable type (column = column in a join, column = scalar subquery, ...).
#define SQLMODEL_COMPARISON(OP, SQL)                                                        \
  template <detail::SqlExpression E, typename X>                                                    \
    requires detail::ValueFor<E, X>                                                         \
  Condition operator OP(const E& expression, const X& value) {                              \
    return detail::compare_value(expression, SQL, value);                                   \
  }                                                                                         \
  template <typename A, typename B>                                                         \
    requires detail::ComparableExprs<A, B>                                                  \
  Condition operator OP(const A& left, const B& right) {                                    \
    return detail::compare_nodes(detail::to_expr(left).node(), SQL, detail::to_expr(right).node());         \
  }
SQLMODEL_COMPARISON(==, "=")
SQLMODEL_COMPARISON(!=, "<>")
SQLMODEL_COMPARISON(<, "<")
SQLMODEL_COMPARISON(<=, "<=")
SQLMODEL_COMPARISON(>, ">")
SQLMODEL_COMPARISON(>=, ">=")
#undef SQLMODEL_COMPARISON

// Arithmetic on numeric expressions: col(&Post::score) * 2, tree.col<2>() + 1.
#define SQLMODEL_ARITHMETIC(OP, SQL)                                                              \
  template <detail::SqlExpression E, typename X>                                                          \
    requires detail::Arithmetic<typename E::operand_type> && detail::Arithmetic<X>                                \
  auto operator OP(const E& expression, const X& value) {                                         \
    using Left = detail::expr_t<E>;                                                                       \
    using Result = detail::arithmetic_result_t<typename Left::value_type, X>;                     \
    const auto& left = detail::to_expr(expression);                                                       \
    return Expr<Result, typename Left::sources>(                                                  \
        std::make_shared<detail::node::Binary>(left.node(), SQL,                                          \
                                       std::make_shared<detail::node::Value>(detail::to_param(value), false), true), \
        {}, left.origin());                                                                       \
  }                                                                                               \
  template <detail::SqlExpression A, detail::SqlExpression B>                                                     \
    requires detail::Arithmetic<typename A::operand_type> && detail::Arithmetic<typename B::operand_type>         \
  auto operator OP(const A& a, const B& b) {                                                      \
    using Left = detail::expr_t<A>;                                                                       \
    using Right = detail::expr_t<B>;                                                                      \
    using Result = detail::arithmetic_result_t<typename Left::value_type, typename Right::value_type>; \
    const auto& left = detail::to_expr(a);                                                                \
    const auto& right = detail::to_expr(b);                                                               \
    return Expr<Result, detail::concat_t<typename Left::sources, typename Right::sources>>(               \
        std::make_shared<detail::node::Binary>(left.node(), SQL, right.node(), true), {},                 \
        left.origin().empty() ? right.origin() : left.origin());                                  \
  }
SQLMODEL_ARITHMETIC(+, "+")
SQLMODEL_ARITHMETIC(-, "-")
SQLMODEL_ARITHMETIC(*, "*")
SQLMODEL_ARITHMETIC(/, "/")
#undef SQLMODEL_ARITHMETIC

}  // namespace sqlmodel
