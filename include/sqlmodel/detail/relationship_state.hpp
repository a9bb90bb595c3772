// The state of a Related / RelatedList member as the loaders and the session's flush see it.
// The public setters (set, append, remove) record a change for the flush to write; loading
// and the flush's own bookkeeping go through here and record none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/annotations.hpp"

namespace sqlmodel::detail {

struct relationship_access {
  // ---- loading: the database's state, nothing to write ----
  // `generation`: the session's (RowStates::generation) when a loader read the objects;
  // unknown_generation for objects the flush hands over (back_populates).
  template <typename T>
  static void load(Related<T>& related, std::type_identity_t<std::shared_ptr<T>> value,
                   std::uint32_t generation = unknown_generation) {
    related.value_ = std::move(value);
    related.original_.reset();
    related.loaded_ = true;
    related.changed_ = related.original_loaded_ = false;
    related.loaded_generation_ = generation;
  }
  template <typename T>
  static void start_loading(RelatedList<T>& list, std::uint32_t generation) {
    list.items_.clear();
    list.links_.clear();
    list.original_.clear();
    list.loaded_ = true;
    list.changed_ = list.original_loaded_ = list.replaced_ = false;
    list.loaded_generation_ = generation;
  }
  template <typename T>
  static void load_append(RelatedList<T>& list, std::shared_ptr<T> item, std::shared_ptr<void> link = nullptr) {
    list.push(std::move(item), std::move(link));
  }

  // ---- what the flush reads (whether loaded or not) ----
  template <typename T>
  static const std::shared_ptr<T>& value(const Related<T>& related) { return related.value_; }
  template <typename T>
  static const std::shared_ptr<T>& original(const Related<T>& related) { return related.original_; }
  template <typename T>
  static bool original_loaded(const Related<T>& related) { return related.original_loaded_; }
  template <typename T>
  static const std::vector<std::shared_ptr<T>>& items(const RelatedList<T>& list) { return list.items_; }
  template <typename T>
  static const std::vector<std::shared_ptr<T>>& original(const RelatedList<T>& list) { return list.original_; }
  template <typename T>
  static bool original_loaded(const RelatedList<T>& list) { return list.original_loaded_; }
  template <typename T>
  static bool replaced(const RelatedList<T>& list) { return list.replaced_; }
  template <typename M>
  static bool changed(const M& member) { return member.changed_; }
  template <typename M>
  static std::uint32_t loaded_generation(const M& member) { return member.loaded_generation_; }
  template <typename T>
  static std::shared_ptr<void> link(const RelatedList<T>& list, std::size_t index) {
    return index < list.links_.size() ? list.links_[index] : nullptr;
  }

  // ---- after a successful flush: the members hold what the database holds ----
  template <typename T>
  static void settle(Related<T>& related) {
    related.original_.reset();
    related.changed_ = related.original_loaded_ = false;
  }
  // `complete`: the owner was inserted by this flush, so the list holds all of its rows.
  template <typename T>
  static void settle(RelatedList<T>& list, bool complete) {
    list.original_.clear();
    list.changed_ = list.original_loaded_ = list.replaced_ = false;
    if (complete) list.loaded_ = true;
  }
  template <typename T>
  static void set_link(RelatedList<T>& list, std::size_t index, std::shared_ptr<void> link) {
    if (list.links_.size() < list.items_.size()) list.links_.resize(list.items_.size());
    list.links_[index] = std::move(link);
  }

  // ---- back_populates: the other side follows what the flush wrote ----
  template <typename T>
  static bool holds(const RelatedList<T>& list, const void* item) {
    for (const auto& held : list.items_)
      if (held.get() == item) return true;
    return false;
  }
  template <typename T>
  static void follow_add(RelatedList<T>& list, std::shared_ptr<T> item, std::shared_ptr<void> link = nullptr) {
    if (!holds(list, item.get())) list.push(std::move(item), std::move(link));
  }
  template <typename T>
  static void follow_remove(RelatedList<T>& list, const void* item) {
    for (std::size_t i = 0; i < list.items_.size(); ++i)
      if (list.items_[i].get() == item) {
        list.items_.erase(list.items_.begin() + static_cast<std::ptrdiff_t>(i));
        if (!list.links_.empty()) list.links_.erase(list.links_.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
  }
  // What the other side cannot follow (the object is not held by a shared_ptr): it is unloaded,
  // so reading it is an error rather than a view that disagrees with this side.
  template <typename M>
  static void unload(M& member) {
    member.reset();
  }
};

}  // namespace sqlmodel::detail
