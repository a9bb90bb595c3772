// Annotations that turn plain C++ structs into database models.
//
//   struct SQLMODEL_TABLE(.name = "users") User : Timestamps {
//     SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
//     SQLMODEL_FIELD(.index = true, .unique = true, .max_length = 255) std::string email;
//     SQLMODEL_FIELD(.foreign_key = "teams.id", .on_delete = sqlmodel::OnDelete::cascade)
//         std::optional<std::int64_t> team_id;
//     SQLMODEL_RELATIONSHIP(.back_populates = "members") sqlmodel::Related<Team> team;
//   };
//
// Options are C++20 designated initializers of the option structs below, so the compiler
// type-checks them even without the plugin, and they may come in any order (Clang only warns
// about the order, and the macros silence that warning). Under Clang the macros become
// [[clang::annotate("sqlmodel.<kind>", <options>)]], which the sqlmodel plugin reads; under
// other compilers they expand to nothing and `sqlmodel-check` runs the same checks.
//
// Every non-static data member of a table struct (and of the plain structs it derives from:
// mixins) is a column, unless it is a relationship (Related<T>, RelatedList<T>) or is marked
// `.exclude = true`. SQLMODEL_FIELD is needed only to give options.
//
// Standard library only: this header is included by every model header.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sqlmodel/referential_action.hpp"

namespace sqlmodel {

// "Not given" for numeric options: every other value, even a nonsensical one, is a value the
// plugin checks and reports.
inline constexpr int unset = std::numeric_limits<int>::min();
inline constexpr double unset_bound = std::numeric_limits<double>::quiet_NaN();

// A yes/no option whose absence means "infer it" (nullable from std::optional, autoincrement
// for an integer primary key, ...). `.nullable = true` and `.nullable = false` both read.
using Tristate = int;

// Values computed for new objects by the generated code (not by the database).
enum class DefaultFactory { none, now, uuid4 };

// How a table struct deriving from another table struct is stored (SQLAlchemy's terms).
//   joined        the child has its own table whose primary key is a foreign key to the
//                 parent's (the default for a table struct deriving from a table struct)
//   single_table  the child has no table: its columns join the parent's table (nullable
//                 there, since other models' rows hold NULL) and the parent's discriminator
//                 column tells each row's model by its polymorphic_identity
enum class Inheritance { unset, joined, single_table };

// SQLMODEL_TABLE(...): the struct is a table.
//
//   struct SQLMODEL_TABLE(.name = "employees", .discriminator = "kind",
//                         .polymorphic_identity = "employee") Employee { ... };
//   struct SQLMODEL_TABLE(.inherit = sqlmodel::Inheritance::single_table,
//                         .polymorphic_identity = "manager") Manager : Employee { ... };
struct Table {
  const char* name = nullptr;          // default: the struct's name, lowercased
  const char* comment = nullptr;
  const char* renamed_from = nullptr;  // the table's previous name: migrations rename it
  Inheritance inherit = Inheritance::unset;  // only on a struct deriving from a table struct
  // The root of a single-table hierarchy: the column whose value names each row's model; a
  // std::string or enum class member, or, when no member has that name, a VARCHAR NOT NULL
  // column the plugin adds.
  const char* discriminator = nullptr;
  // The discriminator's value for rows of this struct (an enumerator's name for an enum).
  const char* polymorphic_identity = nullptr;
  const char* primary_key_name = nullptr;  // default: pk_<table>
  // SQLite: INTEGER PRIMARY KEY AUTOINCREMENT, so a deleted row's key is never handed out
  // again (SQLAlchemy's sqlite_autoincrement=True); needs an autoincrement integer key.
  bool sqlite_autoincrement = false;
};

// SQLMODEL_MODEL(...): a struct that is not a table but mirrors one (the Create / Read /
// Update shapes of an API). Its fields are checked against the table's columns.
struct Model {
  const char* mirrors = nullptr;  // the table's name or the table struct's name
  bool partial = false;           // an Update shape: every field must be std::optional
};

// SQLMODEL_FIELD(...): options of one column.
struct Field {
  bool primary_key = false;
  Tristate autoincrement = unset;  // default: true for a single integer primary key
  bool index = false;              // ix_<table>_<column> (a unique index with .unique)
  bool unique = false;             // uq_<table>_<column> (alone)
  Tristate nullable = unset;       // default: std::optional<T> is nullable, except in a primary key
  const char* name = nullptr;      // the column's name; default: the member's name
  const char* renamed_from = nullptr;
  const char* comment = nullptr;
  const char* server_default = nullptr;  // SQL expression for the DDL's DEFAULT
  // The DEFAULT of one dialect where the dialects spell it differently, replacing
  // .server_default there: .postgresql_server_default = "now()",
  // .sqlite_server_default = "CURRENT_TIMESTAMP". Without .server_default, a dialect without
  // its own has no DEFAULT.
  const char* postgresql_server_default = nullptr;
  const char* sqlite_server_default = nullptr;
  DefaultFactory default_factory = DefaultFactory::none;
  const char* foreign_key = nullptr;     // "table.column"
  OnDelete on_delete = OnDelete::unset;
  OnUpdate on_update = OnUpdate::unset;
  int max_length = unset;  // strings (and arrays of strings)
  int min_length = unset;
  double ge = unset_bound;
  double gt = unset_bound;
  double le = unset_bound;
  double lt = unset_bound;
  const char* pattern = nullptr;   // RE2 regular expression checked before writes (validation.hpp)
  int precision = unset;           // sqlmodel::Decimal
  int scale = unset;
  Tristate timezone = unset;       // time_point: true (the default) is a timestamp with time zone
  const char* sql_type = nullptr;  // the snapshot's type spelling: "string(40)", "text", "jsonb"
  // A type the library does not model, in the dialect's own words, carried verbatim:
  // .postgresql_type = "tsvector", .sqlite_type = "TEXT". A dialect without one gets the
  // column type of the member (or of .sql_type).
  const char* postgresql_type = nullptr;
  const char* sqlite_type = nullptr;
  // GENERATED ALWAYS AS (<expression>) STORED: the database computes the value; the ORM reads
  // it and never writes it.
  const char* generated = nullptr;
  const char* foreign_key_name = nullptr;  // default: fk_<table>_<column>_<referred table>
  // The value the application writes on every UPDATE (SQLAlchemy's onupdate): now.
  DefaultFactory update_factory = DefaultFactory::none;
  // SQLMODEL_MODEL only: false makes the field one of the model's own (a password in a
  // UserCreate), not a column of the mirrored table; its options validate it.
  bool column = true;
  bool exclude = false;            // not a column
  // Optimistic concurrency (an integer column): 1 on INSERT; every UPDATE or DELETE of the
  // object checks it and an UPDATE bumps it, so a write over another session's change is a
  // sqlmodel::StaleVersion error instead of a lost update (docs/orm.md).
  bool version = false;
};

// SQLMODEL_RELATIONSHIP(...): on a Related<T> (to one) or RelatedList<T> (to many) member.
struct Relationship {
  const char* back_populates = nullptr;
  const char* link_model = nullptr;   // many-to-many: the link table's name or struct name
  const char* foreign_key = nullptr;  // the column to follow when several lead to the target
  const char* remote_side = nullptr;  // self-referential to-one: the parent's key column
  const char* order_by = nullptr;     // "title" or "-due_date, title" ("-" descending)
  bool cascade_delete = false;
  bool delete_orphan = false;
};

inline constexpr std::size_t max_constraint_columns = 16;

// SQLMODEL_INDEX(...), on the table struct: a composite, unique or partial index.
struct Index {
  const char* columns[max_constraint_columns] = {};
  bool unique = false;
  const char* where = nullptr;   // partial index predicate (SQL)
  const char* method = nullptr;  // PostgreSQL access method: btree, gin, gist, hash, brin
  const char* name = nullptr;    // default: ix_<table>_<columns>
};

// SQLMODEL_UNIQUE(...), on the table struct: a composite unique constraint.
struct Unique {
  const char* columns[max_constraint_columns] = {};
  const char* name = nullptr;  // default: uq_<table>_<columns>
};

// SQLMODEL_CHECK(...), on the table struct: a CHECK constraint named ck_<table>_<name>, or
// .constraint_name as it is.
struct Check {
  const char* name = nullptr;
  const char* expression = nullptr;  // SQL boolean expression over this table's columns
  // The constraint's whole name, instead of ck_<table>_<name> (an existing database's
  // "users_age_check").
  const char* constraint_name = nullptr;
};

// A UUID stored as 16 bytes (native uuid on PostgreSQL).
struct UUID {
  std::array<std::uint8_t, 16> bytes{};

  friend bool operator==(const UUID&, const UUID&) = default;
  friend auto operator<=>(const UUID&, const UUID&) = default;

  // "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lowercase.
  std::string to_string() const {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
      text += digits[bytes[i] >> 4];
      text += digits[bytes[i] & 0x0f];
    }
    return text;
  }

  // 32 lowercase hex digits, no dashes: SQLAlchemy's Uuid on a database without a native type.
  std::string to_hex() const {
    std::string text = to_string();
    std::erase(text, '-');
    return text;
  }

  // 32 hex digits, any case (to_hex()'s form); nullopt for anything else.
  static std::optional<UUID> parse_hex(std::string_view text) {
    if (text.size() != 32) return std::nullopt;
    UUID uuid;
    for (std::size_t i = 0; i < 16; ++i) {
      int high = hex_value(text[2 * i]), low = hex_value(text[2 * i + 1]);
      if (high < 0 || low < 0) return std::nullopt;
      uuid.bytes[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return uuid;
  }

  // Accepts the canonical form, any case; nullopt for anything else.
  static std::optional<UUID> parse(std::string_view text) {
    if (text.size() != 36) return std::nullopt;
    UUID uuid;
    std::size_t byte = 0;
    for (std::size_t i = 0; i < text.size();) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (text[i] != '-') return std::nullopt;
        ++i;
        continue;
      }
      int high = hex_value(text[i]), low = hex_value(text[i + 1]);
      if (high < 0 || low < 0) return std::nullopt;
      uuid.bytes[byte++] = static_cast<std::uint8_t>(high * 16 + low);
      i += 2;
    }
    return uuid;
  }

 private:
  static constexpr int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
};

// An exact decimal number (NUMERIC), kept as its canonical decimal text so no binary
// floating point ever touches money.
class Decimal {
 public:
  Decimal() : text_("0") {}
  // Throws std::invalid_argument for text that is not [-+]digits[.digits].
  explicit Decimal(std::string_view text) : text_(canonical(text)) {}

  const std::string& to_string() const { return text_; }
  friend bool operator==(const Decimal&, const Decimal&) = default;

 private:
  static std::string canonical(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
      if (text[i] == '-') out += '-';
      ++i;
    }
    bool digits = false, point = false;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        throw std::invalid_argument("sqlmodel::Decimal: not a decimal number: \"" +
                                    std::string(text) + "\"");
      }
      out += c;
    }
    if (!digits) throw std::invalid_argument("sqlmodel::Decimal: not a decimal number: \"" +
                                             std::string(text) + "\"");
    // Leading zeros and trailing fractional zeros do not change the value.
    std::size_t sign = out[0] == '-' ? 1 : 0;
    while (out.size() > sign + 1 && out[sign] == '0' && out[sign + 1] != '.') out.erase(sign, 1);
    if (out.find('.') != std::string::npos) {
      while (out.back() == '0') out.pop_back();
      if (out.back() == '.') out.pop_back();
    }
    if (out.size() > sign && out[sign] == '.') out.insert(sign, "0");
    if (out == "-0") out = "0";
    return out;
  }

  std::string text_;
};

// Thrown when a relationship that was never loaded is read: a hidden query never runs.
class RelationshipNotLoaded : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace detail {
// "Model.member" of a relationship member. A member cannot know which model holds it, so the
// ORM stamps every object it reads or stages with these (see name_relationships in
// model_traits.hpp); the "not loaded" error then names the relationship.
using RelationshipName = std::string_view (*)();

inline std::string not_loaded_message(std::string_view path) {
  std::string member(path);
  if (auto dot = member.find('.'); dot != std::string::npos) member.replace(dot, 1, "::");
  return "relationship " + std::string(path) +
         " was read before it was loaded; load it explicitly with selectinload(&" + member +
         "), joinedload(&" + member + ") or session.load(object, &" + member + ")";
}

[[noreturn]] inline void throw_not_loaded(RelationshipName name) {
  if (!name)
    throw RelationshipNotLoaded(
        "relationship read before it was loaded (an object the ORM has not seen yet); load it "
        "explicitly with selectinload, joinedload or session.load");
  throw RelationshipNotLoaded(not_loaded_message(name()));
}
}  // namespace detail

namespace detail {
// How the loaders and the session's flush reach a relationship member's state without going
// through the public setters (which record a change to write): see detail/relationship_state.hpp.
struct relationship_access;
// The session's flush count when a relationship was loaded (Session's row states), or this
// when its objects came from the caller: the flush compares an object reached through it with
// the row as that load read it, not with a later copy's write.
inline constexpr std::uint32_t unknown_generation = ~std::uint32_t{0};
}  // namespace detail

// A to-one relationship: empty until loaded (selectinload, joinedload, session.load) or set.
// Holds the target through a shared_ptr so models may refer to themselves and each other.
//
// Writing through it: set() points it at another object (or at none with nullptr); the next
// flush of the object holding it inserts the target when it is new and writes the foreign key
// from it (Session::add, docs/orm.md "Writing through relationships").
template <typename T>
class Related {
 public:
  bool loaded() const { return loaded_; }
  // The loaded target, or nullptr when the database has none.
  T* get() const {
    if (!loaded_) detail::throw_not_loaded(name_);
    return value_.get();
  }
  T* operator->() const { return get(); }
  // The loaded target as shared (loaders hand one object to every parent that refers to it).
  const std::shared_ptr<T>& shared() const {
    if (!loaded_) detail::throw_not_loaded(name_);
    return value_;
  }
  // Points the relationship at `value` (nullptr: at none); the flush writes the foreign key.
  void set(std::shared_ptr<T> value) {
    keep_original();
    value_ = std::move(value);
    loaded_ = true;
  }
  // Forgets the relationship: not loaded, and a flush leaves the foreign key as it is.
  void reset() {
    value_.reset();
    original_.reset();
    loaded_ = changed_ = original_loaded_ = false;
    loaded_generation_ = detail::unknown_generation;
  }
  void set_name(detail::RelationshipName name) { name_ = name; }

 private:
  friend struct detail::relationship_access;
  // The first change after a load (or a flush) keeps what the database holds, so the flush
  // knows the old target (its other side, an orphan).
  void keep_original() {
    if (changed_) return;
    original_ = value_;
    original_loaded_ = loaded_;
    changed_ = true;
  }

  std::shared_ptr<T> value_;
  std::shared_ptr<T> original_;  // while changed_: the target when loaded or last flushed
  bool loaded_ = false;
  bool changed_ = false;
  bool original_loaded_ = false;
  std::uint32_t loaded_generation_ = detail::unknown_generation;
  detail::RelationshipName name_ = nullptr;
};

// A to-many relationship (one-to-many or many-to-many): empty until loaded.
//
// Writing through it: append() adds an object (new ones are inserted by the flush of the
// owner, with their foreign key or link row), remove() takes one out (the flush deletes it
// with delete_orphan, else sets its foreign key NULL; for many-to-many it deletes the link
// row), set() replaces the whole collection. On a list that was never loaded, append() keeps
// the object for the flush and the list stays unloaded (get() still throws) unless its owner
// is new: the flush that inserts the owner marks its lists loaded.
template <typename T>
class RelatedList {
 public:
  bool loaded() const { return loaded_; }
  const std::vector<std::shared_ptr<T>>& get() const {
    if (!loaded_) detail::throw_not_loaded(name_);
    return items_;
  }
  void set(std::vector<std::shared_ptr<T>> items) {
    keep_original();
    if (!loaded_) replaced_ = true;
    items_ = std::move(items);
    links_.clear();
    loaded_ = true;
  }
  // A many-to-many relationship with its link model's rows: links[i] is the link row (the
  // link model's object: role, joined_at ...) that leads to items[i]. Read them with
  // sqlmodel::linked().
  void set(std::vector<std::shared_ptr<T>> items, std::vector<std::shared_ptr<void>> links) {
    if (links.size() != items.size())
      throw std::invalid_argument("RelatedList::set: one link row per item");
    keep_original();
    if (!loaded_) replaced_ = true;
    items_ = std::move(items);
    links_ = std::move(links);
    loaded_ = true;
  }
  // Adds `item`; for a many-to-many relationship, `link` is the link model's row to write
  // with it (its extra columns; the flush fills in its keys), or null for a default one.
  void append(std::shared_ptr<T> item, std::shared_ptr<void> link = nullptr) {
    keep_original();
    push(std::move(item), std::move(link));
  }
  // Takes `item` (compared by address) out of the list; false when the list does not hold it.
  bool remove(const T* item) {
    for (std::size_t i = 0; i < items_.size(); ++i)
      if (items_[i].get() == item) {
        keep_original();
        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
        if (!links_.empty()) links_.erase(links_.begin() + static_cast<std::ptrdiff_t>(i));
        return true;
      }
    if (!loaded_) detail::throw_not_loaded(name_);
    return false;
  }
  bool remove(const std::shared_ptr<T>& item) { return remove(item.get()); }
  // The link rows, parallel to get() (empty when the list holds none).
  const std::vector<std::shared_ptr<void>>& link_rows() const {
    if (!loaded_) detail::throw_not_loaded(name_);
    return links_;
  }
  // Forgets the list: not loaded, and nothing of it is written.
  void reset() {
    items_.clear();
    links_.clear();
    original_.clear();
    loaded_ = changed_ = original_loaded_ = replaced_ = false;
    loaded_generation_ = detail::unknown_generation;
  }
  void set_name(detail::RelationshipName name) { name_ = name; }

 private:
  friend struct detail::relationship_access;
  void keep_original() {
    if (changed_) return;
    original_ = items_;
    original_loaded_ = loaded_;
    changed_ = true;
  }
  // links_ is empty or parallel to items_.
  void push(std::shared_ptr<T> item, std::shared_ptr<void> link) {
    if (link || !links_.empty()) {
      links_.resize(items_.size());
      links_.push_back(std::move(link));
    }
    items_.push_back(std::move(item));
  }

  std::vector<std::shared_ptr<T>> items_;
  std::vector<std::shared_ptr<void>> links_;
  std::vector<std::shared_ptr<T>> original_;  // while changed_: the items when loaded or last flushed
  bool loaded_ = false;
  bool changed_ = false;
  bool original_loaded_ = false;
  bool replaced_ = false;  // set() on a list that was never loaded: the whole collection replaced
  std::uint32_t loaded_generation_ = detail::unknown_generation;
  detail::RelationshipName name_ = nullptr;
};

}  // namespace sqlmodel

#if defined(__clang__)
// Options may come in any order (-Wreorder-init-list) and name only what they set
// (-Wmissing-field-initializers, -Wmissing-designated-field-initializers under -Wextra).
#define SQLMODEL_DETAIL_ANNOTATE(kind, options_type, ...)                                  \
  _Pragma("clang diagnostic push")                                                        \
  _Pragma("clang diagnostic ignored \"-Wreorder-init-list\"")                              \
  _Pragma("clang diagnostic ignored \"-Wmissing-field-initializers\"")                     \
  [[clang::annotate("sqlmodel." kind, ::sqlmodel::options_type{__VA_ARGS__})]]             \
  _Pragma("clang diagnostic pop")
#else
#define SQLMODEL_DETAIL_ANNOTATE(kind, options_type, ...)
#endif

#define SQLMODEL_TABLE(...) SQLMODEL_DETAIL_ANNOTATE("table", Table, __VA_ARGS__)
#define SQLMODEL_MODEL(...) SQLMODEL_DETAIL_ANNOTATE("model", Model, __VA_ARGS__)
#define SQLMODEL_FIELD(...) SQLMODEL_DETAIL_ANNOTATE("field", Field, __VA_ARGS__)
#define SQLMODEL_RELATIONSHIP(...) \
  SQLMODEL_DETAIL_ANNOTATE("relationship", Relationship, __VA_ARGS__)
#define SQLMODEL_INDEX(...) SQLMODEL_DETAIL_ANNOTATE("index", Index, __VA_ARGS__)
#define SQLMODEL_UNIQUE(...) SQLMODEL_DETAIL_ANNOTATE("unique", Unique, __VA_ARGS__)
#define SQLMODEL_CHECK(...) SQLMODEL_DETAIL_ANNOTATE("check", Check, __VA_ARGS__)
