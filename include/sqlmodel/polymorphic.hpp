// Polymorphic loading of a single-table hierarchy: one query over the root's table whose rows
// come back as the model each row's discriminator names (SQLAlchemy's
// `select(with_polymorphic(Employee, "*"))`), as a std::variant of plain structs.
//
//   auto people = session.exec(sqlmodel::select_polymorphic<Employee>()
//                                  .where(col(&Employee::name).like("A%"))
//                                  .order_by(asc(&Employee::id)));
//   // std::vector<std::variant<Employee, Manager, Engineer>>
//   for (auto& person : people)
//     std::visit([](auto& e) { ... }, person);   // a Manager row is a Manager, with its budget
//
// The variant's alternatives are model_traits<Root>::polymorphic_models (every model of the
// hierarchy with an identity, root first). The statement selects the discriminator and every
// column of every model once; each row reads the columns of its own model. A row whose
// discriminator names no model is an UnknownPolymorphicIdentity error naming the table, the
// value and the identities the models know. where / order_by / limit / offset / with_deleted
// work as on select<Root>(); relationship loaders are not offered here (load them per type
// with session.load).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query_select.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel {

// A row whose discriminator value is no model's polymorphic_identity.
class UnknownPolymorphicIdentity : public std::runtime_error {
 public:
  UnknownPolymorphicIdentity(const std::string& message, std::string table, std::string value)
      : std::runtime_error(message), table_(std::move(table)), value_(std::move(value)) {}
  const std::string& table() const { return table_; }
  const std::string& value() const { return value_; }

 private:
  std::string table_, value_;
};

// The root of a single-table hierarchy whose traits list its models.
template <typename T>
concept PolymorphicRoot = SingleTableModel<T> &&
                          std::is_same_v<typename model_traits<T>::polymorphic_root, T> &&
                          requires { typename model_traits<T>::polymorphic_models; };

namespace detail {

template <typename Tuple>
struct variant_of;
template <typename... Models>
struct variant_of<std::tuple<Models...>> {
  using type = std::variant<Models...>;
};

// The polymorphic statement's column list: the discriminator first, then each model's
// columns that an earlier model did not already list.
template <PolymorphicRoot Root>
struct polymorphic_columns {
  using models = typename model_traits<Root>::polymorphic_models;

  std::vector<std::string_view> names;

  static const polymorphic_columns& get() {
    static const polymorphic_columns columns = [] {
      polymorphic_columns result;
      result.names.push_back(model_traits<Root>::discriminator);
      result.add_models(static_cast<std::tuple<Root>*>(nullptr));
      result.add_models(static_cast<models*>(nullptr));
      return result;
    }();
    return columns;
  }

  // The result column of a name the list holds.
  int position(std::string_view name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i);
    throw std::logic_error("polymorphic select: column '" + std::string(name) + "' not selected");
  }

 private:
  void add_name(std::string_view name) {
    for (std::string_view known : names)
      if (known == name) return;
    names.push_back(name);
  }
  template <typename... Models>
  void add_models(std::tuple<Models...>*) {
    (detail::traits_for_each(model_traits<Models>::columns, [&](auto, const auto& column) { add_name(column.name); }),
     ...);
  }
};

// Where each column of Model sits in the polymorphic statement's result.
template <PolymorphicRoot Root, TableModel Model>
const std::array<int, column_count<Model>>& polymorphic_positions() {
  static const std::array<int, column_count<Model>> positions = [] {
    std::array<int, column_count<Model>> result{};
    const auto& columns = polymorphic_columns<Root>::get();
    for_each_column<Model>([&](auto index, const auto& column) {
      result[index()] = columns.position(column.name);
    });
    return result;
  }();
  return positions;
}

template <PolymorphicRoot Root, TableModel Model>
void read_polymorphic_columns(Statement& statement, Model& object) {
  const auto& positions = polymorphic_positions<Root, Model>();
  for_each_column<Model>([&](auto index, const auto& column) {
    column.read(statement, positions[index()], object);
  });
  detail::name_relationships(object);
}

template <PolymorphicRoot Root>
std::string known_identities_text() {
  std::string text;
  for (std::string_view identity : model_traits<Root>::polymorphic_identities)
    text += (text.empty() ? "'" : ", '") + std::string(identity) + "'";
  return text;
}

// Constructs the alternative whose identity is `identity` and reads the row into it.
template <PolymorphicRoot Root, typename Row, typename... Models>
bool read_as_model(Statement& statement, std::string_view identity, Row& row, std::tuple<Models...>*) {
  bool found = false;
  ((!found && model_traits<Models>::polymorphic_identity == identity
        ? (found = true, read_polymorphic_columns<Root>(statement, row.template emplace<Models>()), 0)
        : 0),
   ...);
  return found;
}

}  // namespace detail

// The rows of Root's hierarchy, each as the model its discriminator names.
template <PolymorphicRoot Root>
class PolymorphicSelect {
 public:
  using models = typename model_traits<Root>::polymorphic_models;
  using row_type = typename detail::variant_of<models>::type;

  PolymorphicSelect& where(const Condition& condition) {
    select_.where(condition);
    return *this;
  }
  PolymorphicSelect& with_deleted(bool on = true) {
    select_.with_deleted(on);
    return *this;
  }
  template <typename... More>
  PolymorphicSelect& order_by(detail::OrderTerm first, More... more) {
    select_.order_by(std::move(first), detail::OrderTerm(more)...);
    return *this;
  }
  PolymorphicSelect& limit(std::int64_t n) {
    select_.limit(n);
    return *this;
  }
  PolymorphicSelect& offset(std::int64_t n) {
    select_.offset(n);
    return *this;
  }

  detail::RenderedQuery render(schema::Dialect dialect) const {
    detail::SelectCore core = select_.core();
    core.model_columns = detail::polymorphic_columns<Root>::get().names;
    return core.render(dialect);
  }

  // session.exec(query) calls this.
  template <typename S>
  std::vector<row_type> run(S& session) const {
    detail::RenderedQuery rendered = render(session.dialect());
    session.flush();
    Statement& statement = session.connection().prepare(rendered.sql, model_traits<Root>::table_name);
    std::vector<row_type> rows;
    std::string identity;
    session.run(statement, rendered.params.size(),
                [&](Statement& s) { detail::bind_params(s, rendered.params); },
                [&](Statement& s) {
                  if (!s.read_text(0, identity)) throw unknown_identity(std::nullopt);
                  row_type& row = rows.emplace_back();
                  if (!detail::read_as_model<Root>(s, identity, row, static_cast<models*>(nullptr)))
                    throw unknown_identity(identity);
                  std::visit([&](const auto& object) { session.remember(object); }, row);
                });
    return rows;
  }

 private:
  // `value` is nullopt for NULL.
  static UnknownPolymorphicIdentity unknown_identity(const std::optional<std::string>& value) {
    const std::string table(model_traits<Root>::table_name);
    return UnknownPolymorphicIdentity(
        "table '" + table + "': discriminator " + std::string(model_traits<Root>::discriminator) +
            " = " + (value ? "'" + *value + "'" : std::string("NULL")) +
            " is no model's polymorphic_identity (known: " + detail::known_identities_text<Root>() + ")",
        table, value.value_or("NULL"));
  }

  Select<Root> select_;
};

template <PolymorphicRoot Root>
PolymorphicSelect<Root> select_polymorphic() {
  return {};
}

}  // namespace sqlmodel
