// Explicit relationship loading. Nothing loads a relationship behind the caller's back: either
// the query asks for it (select<User>().options(selectinload(&User::posts))) or the caller
// does (session.load(users, &User::posts)). Each level is one statement, whatever the number
// of parents: the parents' keys travel as one bound list parameter.
//
//   auto users = session.exec(select<User>().options(
//       selectinload(&User::posts).then(&Post::comments)));   // 3 statements in all
//
// Reading a relationship that was never loaded throws; related(object, &T::member) says
// which relationship it was.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel {

namespace detail {

template <typename V>
constexpr bool is_optional_v = false;
template <typename V>
constexpr bool is_optional_v<std::optional<V>> = true;

// The key a relationship matches on, or nullptr when it is NULL.
template <typename V>
const unwrap_optional_t<V>* key_of(const V& value) {
  if constexpr (is_optional_v<V>) return value ? &*value : nullptr;
  else return &value;
}

template <typename Relationship>
void select_in_load(Session& session, std::span<typename Relationship::model_type* const> parents,
                    const Relationship& relationship,
                    const std::vector<Loader<typename Relationship::target_type>>& nested) {
  using Model = typename Relationship::model_type;
  using Target = typename Relationship::target_type;
  using Key = unwrap_optional_t<typename member_pointer_traits<Relationship::local_key>::value_type>;
  static_assert(std::is_integral_v<Key> || std::is_same_v<Key, std::string>,
                "relationships load on integer or string keys");
  constexpr auto member = Relationship::member;
  constexpr auto local_key = Relationship::local_key;
  constexpr auto remote_key = Relationship::remote_key;

  session.flush();
  std::map<Key, std::vector<Model*>> parents_by_key;
  for (Model* parent : parents) {
    // A parent without a key has nothing to load: its relationship is loaded and empty.
    if constexpr (Relationship::to_many) (parent->*member).set({});
    else (parent->*member).set(nullptr);
    if (const Key* key = key_of(parent->*local_key)) parents_by_key[*key].push_back(parent);
  }
  if (parents_by_key.empty()) return;

  std::string list;
  if constexpr (std::is_integral_v<Key>) {
    std::vector<std::int64_t> keys;
    keys.reserve(parents_by_key.size());
    for (const auto& entry : parents_by_key) keys.push_back(static_cast<std::int64_t>(entry.first));
    list = sql::integer_list(session.dialect(), keys);
  } else {
    std::vector<std::string> keys;
    keys.reserve(parents_by_key.size());
    for (const auto& entry : parents_by_key) keys.push_back(entry.first);
    list = sql::text_list(session.dialect(), keys);
  }

  const auto& info = table_info<Target>::get();
  Statement& statement = session.connection().prepare_cached(
      &statement_tag<Model, StatementRole::select_in, member>, [&] {
        return sql::select_where_in_list(session.dialect(), model_traits<Target>::table_name,
                                         info.columns, column_name<Target>(remote_key), info.key);
      });
  std::vector<std::shared_ptr<Target>> targets;
  session.run(statement, 1, [&](Statement& s) { s.bind_text(0, list); },
              [&](Statement& s) {
                auto target = std::make_shared<Target>();
                read_columns(s, *target);
                targets.push_back(std::move(target));
              });

  if constexpr (Relationship::to_many) {
    std::map<Key, std::vector<std::shared_ptr<Target>>> grouped;
    for (const auto& target : targets)
      if (const Key* key = key_of((*target).*remote_key)) grouped[*key].push_back(target);
    for (auto& [key, group] : grouped) {
      auto found = parents_by_key.find(key);
      if (found == parents_by_key.end()) continue;
      for (std::size_t i = 0; i + 1 < found->second.size(); ++i) (found->second[i]->*member).set(group);
      (found->second.back()->*member).set(std::move(group));
    }
  } else {
    for (const auto& target : targets) {
      const Key* key = key_of((*target).*remote_key);
      if (!key) continue;
      auto found = parents_by_key.find(*key);
      if (found == parents_by_key.end()) continue;
      for (Model* parent : found->second) (parent->*member).set(target);
    }
  }

  if (!nested.empty() && !targets.empty()) {
    std::vector<Target*> pointers;
    pointers.reserve(targets.size());
    for (const auto& target : targets) pointers.push_back(target.get());
    for (const auto& loader : nested) loader(session, pointers);
  }
  (void)relationship;
}

template <TableModel T, typename M>
void load_member(Session& session, std::span<T* const> objects, M T::*member,
                 const std::vector<Loader<typename relationship_member<M>::target_type>>& nested) {
  bool found = false;
  for_each_relationship<T>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if constexpr (std::is_same_v<typename R::member_type, M>) {
      if (!found && R::member == member) {
        found = true;
        select_in_load(session, objects, relationship, nested);
      }
    }
  });
  if (!found)
    throw std::invalid_argument("the member passed to load a relationship of " +
                                std::string(model_traits<T>::model_name) +
                                " is not one of its relationships in model_traits");
}

}  // namespace detail

// selectinload(&User::posts): after the main query, one SELECT ... WHERE user_id IN <keys>.
template <TableModel T, typename M>
class SelectInLoad {
 public:
  using target_type = typename relationship_member<M>::target_type;

  explicit SelectInLoad(M T::*member) : member_(member) {}

  // Loads a relationship of the loaded targets too (one more statement per level).
  template <typename N>
  SelectInLoad then(N target_type::*nested) const {
    SelectInLoad copy = *this;
    copy.nested_.push_back(Loader<target_type>(SelectInLoad<target_type, N>(nested)));
    return copy;
  }
  template <typename N>
  SelectInLoad then(const SelectInLoad<target_type, N>& nested) const {
    SelectInLoad copy = *this;
    copy.nested_.push_back(Loader<target_type>(nested));
    return copy;
  }

  void operator()(Session& session, std::span<T* const> objects) const {
    detail::load_member(session, objects, member_, nested_);
  }

 private:
  M T::*member_;
  std::vector<Loader<target_type>> nested_;
};

template <TableModel T, typename M>
SelectInLoad<T, M> selectinload(M T::*member) {
  return SelectInLoad<T, M>(member);
}

// The loaded relationship; throws RelationshipNotLoaded naming the model and member when it
// was never loaded.
template <TableModel T, typename M>
decltype(auto) related(const T& object, M T::*member) {
  const M& value = object.*member;
  if (!value.loaded()) {
    std::string name = "?";
    for_each_relationship<T>([&](const auto& relationship) {
      using R = std::remove_cvref_t<decltype(relationship)>;
      if constexpr (std::is_same_v<typename R::member_type, M>)
        if (R::member == member) name = std::string(relationship.name);
    });
    throw RelationshipNotLoaded(
        "relationship " + std::string(model_traits<T>::model_name) + "." + name +
        " was read before it was loaded; load it explicitly with selectinload(&" +
        std::string(model_traits<T>::model_name) + "::" + name + ") or session.load(object, &" +
        std::string(model_traits<T>::model_name) + "::" + name + ")");
  }
  return value.get();
}

template <TableModel T, typename M>
void Session::load(T& object, M T::*relationship) {
  T* pointer = &object;
  detail::load_member(*this, std::span<T* const>(&pointer, 1), relationship, {});
}

template <TableModel T, typename M>
void Session::load(std::span<T> objects, M T::*relationship) {
  std::vector<T*> pointers;
  pointers.reserve(objects.size());
  for (T& object : objects) pointers.push_back(&object);
  detail::load_member(*this, std::span<T* const>(pointers), relationship, {});
}

}  // namespace sqlmodel
