// Typed queries: conditions are built from member pointers and C++ values, so a misspelled
// column or a value of the wrong type is a compile error, not a runtime SQL error.
//
//   auto adults = session.exec(sqlmodel::select<User>()
//                                  .where(col(&User::age) >= 18 && col(&User::name).like("A%"))
//                                  .order_by(col(&User::name).desc())
//                                  .limit(10));
//
// Values always travel as bound parameters; identifiers are quoted by the dialect.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "schema/dialect.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel {

// A value as it is bound: what value_codec produced for the C++ value.
using Param = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                           std::vector<std::uint8_t>, UUID>;

void bind_param(Statement& statement, int index, const Param& param);

namespace detail {
// A Statement that only records what a codec binds: turns any codable C++ value into a Param.
class ParamCapture final : public Statement {
 public:
  ParamCapture() : Statement("") {}
  Param value;
  void bind_null(int) override { value = std::monostate{}; }
  void bind_bool(int, bool v) override { value = v; }
  void bind_int64(int, std::int64_t v) override { value = v; }
  void bind_double(int, double v) override { value = v; }
  void bind_text(int, std::string_view v) override { value = std::string(v); }
  void bind_blob(int, std::span<const std::uint8_t> v) override {
    value = std::vector<std::uint8_t>(v.begin(), v.end());
  }
  void bind_uuid(int, const UUID& v) override { value = v; }
  bool step() override { return false; }
  bool read_bool(int, bool&) override { return false; }
  bool read_int64(int, std::int64_t&) override { return false; }
  bool read_double(int, double&) override { return false; }
  bool read_text(int, std::string&) override { return false; }
  bool read_blob(int, std::vector<std::uint8_t>&) override { return false; }
  bool read_uuid(int, UUID&) override { return false; }
  void reset() override {}
  std::int64_t rows_affected() override { return 0; }
  std::int64_t last_insert_id() override { return 0; }
};
}  // namespace detail

template <typename V>
Param to_param(const V& value) {
  detail::ParamCapture capture;
  value_codec<V>::bind(capture, 0, value);
  return std::move(capture.value);
}

// A node of a WHERE condition. Built by the operators below; rendered by render_condition.
struct ConditionNode {
  enum class Op { compare, in, like, is_null, is_not_null, and_, or_, not_ };
  Op op = Op::compare;
  std::string_view table;
  std::string_view column;
  std::string_view comparison;  // "=", "<>", "<", "<=", ">", ">="
  std::vector<Param> values;
  std::shared_ptr<const ConditionNode> left, right;
};

class Condition {
 public:
  explicit Condition(std::shared_ptr<const ConditionNode> node) : node_(std::move(node)) {}
  const ConditionNode& node() const { return *node_; }
  const std::shared_ptr<const ConditionNode>& shared() const { return node_; }

  friend Condition operator&&(const Condition& a, const Condition& b) {
    return combine(ConditionNode::Op::and_, a, b);
  }
  friend Condition operator||(const Condition& a, const Condition& b) {
    return combine(ConditionNode::Op::or_, a, b);
  }
  friend Condition operator!(const Condition& a) {
    auto node = std::make_shared<ConditionNode>();
    node->op = ConditionNode::Op::not_;
    node->left = a.node_;
    return Condition(std::move(node));
  }

 private:
  static Condition combine(ConditionNode::Op op, const Condition& a, const Condition& b) {
    auto node = std::make_shared<ConditionNode>();
    node->op = op;
    node->left = a.node_;
    node->right = b.node_;
    return Condition(std::move(node));
  }
  std::shared_ptr<const ConditionNode> node_;
};

struct OrderTerm {
  std::string_view table;
  std::string_view column;
  bool descending = false;
};

// A column of model T holding values of type V: col(&User::email).
template <typename T, typename V>
class ColumnRef {
 public:
  using model_type = T;
  using value_type = V;
  // A comparison takes the member's type, or the type inside its std::optional.
  using operand_type = unwrap_optional_t<V>;

  explicit ColumnRef(V T::*member)
      : table_(model_traits<T>::table_name), column_(column_name<T>(member)) {}

  std::string_view table() const { return table_; }
  std::string_view column() const { return column_; }

  Condition operator==(const operand_type& value) const { return compare("=", value); }
  Condition operator!=(const operand_type& value) const { return compare("<>", value); }
  Condition operator<(const operand_type& value) const { return compare("<", value); }
  Condition operator<=(const operand_type& value) const { return compare("<=", value); }
  Condition operator>(const operand_type& value) const { return compare(">", value); }
  Condition operator>=(const operand_type& value) const { return compare(">=", value); }

  Condition in(std::span<const operand_type> values) const {
    auto node = make(ConditionNode::Op::in);
    node->values.reserve(values.size());
    for (const auto& value : values) node->values.push_back(to_param(value));
    return Condition(std::move(node));
  }
  Condition in(std::initializer_list<operand_type> values) const {
    return in(std::span<const operand_type>(values.begin(), values.size()));
  }
  Condition in(const std::vector<operand_type>& values) const {
    return in(std::span<const operand_type>(values));
  }

  Condition like(std::string_view pattern) const
    requires std::is_same_v<operand_type, std::string>
  {
    auto node = make(ConditionNode::Op::like);
    node->values.push_back(std::string(pattern));
    return Condition(std::move(node));
  }
  Condition is_null() const { return Condition(make(ConditionNode::Op::is_null)); }
  Condition is_not_null() const { return Condition(make(ConditionNode::Op::is_not_null)); }

  OrderTerm asc() const { return {table_, column_, false}; }
  OrderTerm desc() const { return {table_, column_, true}; }
  operator OrderTerm() const { return asc(); }

 private:
  std::shared_ptr<ConditionNode> make(ConditionNode::Op op) const {
    auto node = std::make_shared<ConditionNode>();
    node->op = op;
    node->table = table_;
    node->column = column_;
    return node;
  }
  Condition compare(std::string_view comparison, const operand_type& value) const {
    auto node = make(ConditionNode::Op::compare);
    node->comparison = comparison;
    node->values.push_back(to_param(value));
    return Condition(std::move(node));
  }

  std::string_view table_;
  std::string_view column_;
};

template <typename T, typename V>
  requires TableModel<T>
ColumnRef<T, V> col(V T::*member) {
  return ColumnRef<T, V>(member);
}

class Session;

// Runs after the main query on the objects it returned (selectinload and friends).
template <typename T>
using Loader = std::function<void(Session&, std::span<T* const>)>;

// SQL and parameters of a rendered query.
struct RenderedQuery {
  std::string sql;
  std::vector<Param> params;
};

// Appends the condition to `sql` (placeholders numbered from params.size() + 1) and its values
// to `params`.
void render_condition(const ConditionNode& node, schema::Dialect dialect, std::string& sql,
                      std::vector<Param>& params);
// "?" on SQLite, "$n" on PostgreSQL (n is 1-based).
std::string placeholder(schema::Dialect dialect, std::size_t number);

// The parts of a SELECT that do not depend on the model type.
struct SelectClauses {
  std::optional<Condition> where;
  std::vector<OrderTerm> order;
  std::optional<std::int64_t> limit, offset;
  bool distinct = false;

  // SELECT [DISTINCT] <columns> FROM <table> [WHERE ...] [ORDER BY ...] [LIMIT n] [OFFSET m]
  RenderedQuery render(schema::Dialect dialect, std::string_view table,
                       std::span<const std::string_view> columns) const;
};

template <TableModel T>
class Select {
 public:
  Select& where(const Condition& condition) {
    clauses_.where = clauses_.where ? (*clauses_.where && condition) : condition;
    return *this;
  }
  Select& order_by(OrderTerm term) {
    clauses_.order.push_back(term);
    return *this;
  }
  template <typename... More>
  Select& order_by(OrderTerm first, More... more) {
    order_by(first);
    (order_by(OrderTerm(more)), ...);
    return *this;
  }
  Select& limit(std::int64_t n) {
    clauses_.limit = n;
    return *this;
  }
  Select& offset(std::int64_t n) {
    clauses_.offset = n;
    return *this;
  }
  Select& distinct(bool on = true) {
    clauses_.distinct = on;
    return *this;
  }
  // Relationship loaders to run on the result: .options(selectinload(&User::posts)).
  template <typename... Loaders>
  Select& options(Loaders&&... loaders) {
    (loaders_.push_back(Loader<T>(std::forward<Loaders>(loaders))), ...);
    return *this;
  }

  RenderedQuery render(schema::Dialect dialect) const {
    return clauses_.render(dialect, model_traits<T>::table_name, column_names());
  }
  const std::vector<Loader<T>>& loaders() const { return loaders_; }

 private:
  static std::span<const std::string_view> column_names() {
    static const auto names = [] {
      std::vector<std::string_view> list;
      for_each_column<T>([&](auto, const auto& column) { list.push_back(column.name); });
      return list;
    }();
    return names;
  }

  SelectClauses clauses_;
  std::vector<Loader<T>> loaders_;
};

template <TableModel T>
Select<T> select() {
  return {};
}

}  // namespace sqlmodel
