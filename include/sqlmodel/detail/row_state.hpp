// What a session remembers of each row it read or wrote, so that a later write sends only the
// columns that changed (and nothing when none did), and so that the flush knows which objects
// stand for rows the database already has.
//
// The state of a row is its columns encoded back to back in an arena, exactly: two values
// encode to the same bytes only when they are the same value (integers, floats by their bits,
// strings by their bytes; other types by what their codec binds). Reads append to the arena
// and to a list of (key, offset) entries; nothing is looked up or hashed on the read path. The
// index by key is built when a write first asks, from the entries appended since.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/dialect.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/value_codec.hpp"

namespace sqlmodel::detail {

// A growable byte buffer whose writers reserve first and then store without further checks.
class StateArena {
 public:
  std::size_t size() const { return size_; }
  const char* data() const { return data_.get(); }
  char* reserve(std::size_t bytes) {
    if (capacity_ - size_ < bytes) grow(bytes);
    return data_.get() + size_;
  }
  void commit(char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  void append(const void* bytes, std::size_t count) {
    char* out = reserve(count);
    if (count) std::memcpy(out, bytes, count);
    size_ += count;
  }
  void clear() { size_ = 0; }
  void release() {
    data_.reset();
    size_ = capacity_ = 0;
  }

 private:
  void grow(std::size_t bytes) {
    std::size_t capacity = capacity_ ? capacity_ * 2 : 4096;
    while (capacity - size_ < bytes) capacity *= 2;
    auto data = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_) std::memcpy(data.get(), data_.get(), size_);
    data_ = std::move(data);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// The values of one bound parameter, tagged, for the types the state codec does not know: what
// the column's codec binds (an enum's name, a JSON document's text, an array literal ...).
enum class StateTag : char { null, boolean, int64, float64, text, blob, uuid };

class StateCapture final : public BindOnlyStatement {
 public:
  StateCapture(StateArena& out, schema::Dialect dialect) : BindOnlyStatement({}, dialect), out_(out) {}
  void bind_null(int) override { tag(StateTag::null); }
  void bind_bool(int, bool value) override {
    tag(StateTag::boolean);
    char byte = value ? 1 : 0;
    out_.append(&byte, 1);
  }
  void bind_int64(int, std::int64_t value) override {
    tag(StateTag::int64);
    out_.append(&value, sizeof value);
  }
  void bind_double(int, double value) override {
    tag(StateTag::float64);
    out_.append(&value, sizeof value);
  }
  void bind_text(int, std::string_view value) override { sized(StateTag::text, value.data(), value.size()); }
  void bind_blob(int, std::span<const std::uint8_t> value) override {
    sized(StateTag::blob, value.data(), value.size());
  }
  void bind_uuid(int, const UUID& value, std::optional<SqliteUuid>) override {
    tag(StateTag::uuid);
    out_.append(value.bytes.data(), value.bytes.size());
  }

 private:
  void tag(StateTag tag) { out_.append(&tag, 1); }
  void sized(StateTag kind, const void* bytes, std::size_t size) {
    tag(kind);
    std::uint64_t length = size;
    out_.append(&length, sizeof length);
    out_.append(bytes, size);
  }
  StateArena& out_;
};

// Reads one captured value back through the column's codec (restoring an object).
class StateReplay final : public Statement {
 public:
  StateReplay(const char*& in, schema::Dialect dialect) : Statement({}, dialect), in_(in) {}
  void bind_null(int) override {}
  void bind_bool(int, bool) override {}
  void bind_int64(int, std::int64_t) override {}
  void bind_double(int, double) override {}
  void bind_text(int, std::string_view) override {}
  void bind_blob(int, std::span<const std::uint8_t>) override {}
  void bind_uuid(int, const UUID&, std::optional<SqliteUuid>) override {}
  bool step() override { return false; }
  bool read_bool(int, bool& value) override {
    if (null()) return false;
    value = *in_++ != 0;
    return true;
  }
  bool read_int64(int, std::int64_t& value) override { return fixed(value); }
  bool read_double(int, double& value) override { return fixed(value); }
  bool read_text(int, std::string& value) override {
    if (null()) return false;
    std::uint64_t length;
    std::memcpy(&length, in_, sizeof length);
    in_ += sizeof length;
    value.assign(in_, length);
    in_ += length;
    return true;
  }
  bool read_blob(int, std::vector<std::uint8_t>& value) override {
    if (null()) return false;
    std::uint64_t length;
    std::memcpy(&length, in_, sizeof length);
    in_ += sizeof length;
    value.assign(reinterpret_cast<const std::uint8_t*>(in_), reinterpret_cast<const std::uint8_t*>(in_) + length);
    in_ += length;
    return true;
  }
  bool read_uuid(int, UUID& value) override {
    if (null()) return false;
    std::memcpy(value.bytes.data(), in_, value.bytes.size());
    in_ += value.bytes.size();
    return true;
  }
  void reset() override {}
  std::int64_t rows_affected() override { return 0; }
  std::int64_t last_insert_id() override { return 0; }

 private:
  // Consumes the tag; true for NULL.
  bool null() { return static_cast<StateTag>(*in_++) == StateTag::null; }
  template <typename V>
  bool fixed(V& value) {
    if (null()) return false;
    std::memcpy(&value, in_, sizeof value);
    in_ += sizeof value;
    return true;
  }
  const char*& in_;
};

// Skips one captured value.
inline const char* skip_captured(const char* in) {
  switch (static_cast<StateTag>(*in++)) {
    case StateTag::null: return in;
    case StateTag::boolean: return in + 1;
    case StateTag::int64:
    case StateTag::float64: return in + 8;
    case StateTag::uuid: return in + 16;
    case StateTag::text:
    case StateTag::blob: {
      std::uint64_t length;
      std::memcpy(&length, in, sizeof length);
      return in + sizeof length + length;
    }
  }
  return in;
}

template <typename V>
constexpr bool is_time_point_v = false;
template <typename D>
constexpr bool is_time_point_v<std::chrono::time_point<std::chrono::system_clock, D>> = true;
template <typename V>
constexpr bool is_duration_v = false;
template <typename Rep, typename Period>
constexpr bool is_duration_v<std::chrono::duration<Rep, Period>> = true;

// memcpy for the short strings most columns hold (up to 32 bytes), without a call.
[[gnu::always_inline]] inline char* copy_bytes(char* out, const char* in, std::size_t count) {
  if (count <= 32) {
    if (count >= 16) {
      struct Block {
        char bytes[16];
      } head, tail;
      std::memcpy(&head, in, 16);
      std::memcpy(&tail, in + count - 16, 16);
      std::memcpy(out, &head, 16);
      std::memcpy(out + count - 16, &tail, 16);
    } else if (count >= 8) {
      std::uint64_t head, tail;
      std::memcpy(&head, in, 8);
      std::memcpy(&tail, in + count - 8, 8);
      std::memcpy(out, &head, 8);
      std::memcpy(out + count - 8, &tail, 8);
    } else if (count >= 4) {
      std::uint32_t head, tail;
      std::memcpy(&head, in, 4);
      std::memcpy(&tail, in + count - 4, 4);
      std::memcpy(out, &head, 4);
      std::memcpy(out + count - 4, &tail, 4);
    } else {
      for (std::size_t i = 0; i < count; ++i) out[i] = in[i];
    }
  } else {
    std::memcpy(out, in, count);
  }
  return out + count;
}

// How a column value is encoded: write() appends it, equal() compares it with an encoding
// (advancing past it), restore() reads it back. Types without a case here go through their
// value_codec (StateCapture / StateReplay).
template <typename V>
struct state_codec {
  static constexpr bool direct = false;
  static void write(StateArena& out, const V& value, schema::Dialect dialect) {
    StateCapture capture(out, dialect);
    value_codec<V>::bind(capture, 0, value);
  }
  static bool equal(const char*& in, const V& value, schema::Dialect dialect, StateArena& scratch) {
    scratch.clear();
    write(scratch, value, dialect);
    const char* end = skip_captured(in);
    const bool same = static_cast<std::size_t>(end - in) == scratch.size() &&
                      std::memcmp(in, scratch.data(), scratch.size()) == 0;
    in = end;
    return same;
  }
  static void restore(const char*& in, V& value, schema::Dialect dialect) {
    StateReplay replay(in, dialect);
    value_codec<V>::read(replay, 0, value);
  }
};

// Fixed-size values stored as their bytes (integers, enums by their underlying value, floats
// widened to double, time points and durations as their tick count, dates as days).
template <typename V>
concept FixedState = std::is_arithmetic_v<V> || std::is_enum_v<V> || is_time_point_v<V> || is_duration_v<V> ||
                     std::is_same_v<V, std::chrono::year_month_day> || std::is_same_v<V, UUID>;

template <FixedState V>
struct state_codec<V> {
  static constexpr bool direct = true;
  static constexpr std::size_t bound(const V&) { return sizeof(Stored); }
  static char* write(char* out, const V& value) {
    const Stored stored = store(value);
    std::memcpy(out, &stored, sizeof stored);
    return out + sizeof stored;
  }
  static bool equal(const char*& in, const V& value) {
    const Stored stored = store(value);
    const bool same = std::memcmp(in, &stored, sizeof stored) == 0;
    in += sizeof stored;
    return same;
  }
  static void restore(const char*& in, V& value) {
    Stored stored;
    std::memcpy(&stored, in, sizeof stored);
    in += sizeof stored;
    if constexpr (std::is_enum_v<V>) value = static_cast<V>(stored);
    else if constexpr (is_time_point_v<V>) value = V(typename V::duration(stored));
    else if constexpr (is_duration_v<V>) value = V(stored);
    else if constexpr (std::is_same_v<V, std::chrono::year_month_day>)
      value = std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(stored)));
    else value = static_cast<V>(stored);
  }

 private:
  static auto stored_type() {
    if constexpr (std::is_same_v<V, bool>) return bool{};
    else if constexpr (std::is_floating_point_v<V>) return double{};
    else if constexpr (std::is_enum_v<V>) return std::underlying_type_t<V>{};
    else if constexpr (is_time_point_v<V> || is_duration_v<V>) return typename V::rep{};
    else if constexpr (std::is_same_v<V, std::chrono::year_month_day>) return std::int32_t{};
    else if constexpr (std::is_same_v<V, UUID>) return UUID{};
    else return V{};
  }
  using Stored = decltype(stored_type());
  static Stored store(const V& value) {
    if constexpr (is_time_point_v<V>) return value.time_since_epoch().count();
    else if constexpr (is_duration_v<V>) return value.count();
    else if constexpr (std::is_same_v<V, std::chrono::year_month_day>)
      return static_cast<std::int32_t>(std::chrono::sys_days(value).time_since_epoch().count());
    else return static_cast<Stored>(value);
  }
};

// Text-like values: their length, then their bytes.
template <typename V>
concept TextState = std::is_same_v<V, std::string> || std::is_same_v<V, Decimal> ||
                    std::is_same_v<V, std::vector<std::uint8_t>>;

template <TextState V>
struct state_codec<V> {
  static constexpr bool direct = true;
  static std::size_t bound(const V& value) { return sizeof(std::uint32_t) + view(value).size(); }
  [[gnu::always_inline]] static char* write(char* out, const V& value) {
    const std::string_view bytes = view(value);
    const auto length = static_cast<std::uint32_t>(bytes.size());
    std::memcpy(out, &length, sizeof length);
    return copy_bytes(out + sizeof length, bytes.data(), length);
  }
  static bool equal(const char*& in, const V& value) {
    const std::string_view bytes = view(value);
    std::uint32_t length;
    std::memcpy(&length, in, sizeof length);
    in += sizeof length;
    const bool same = length == bytes.size() && (length == 0 || std::memcmp(in, bytes.data(), length) == 0);
    in += length;
    return same;
  }
  static void restore(const char*& in, V& value) {
    std::uint32_t length;
    std::memcpy(&length, in, sizeof length);
    in += sizeof length;
    if constexpr (std::is_same_v<V, std::string>) value.assign(in, length);
    else if constexpr (std::is_same_v<V, Decimal>) value = Decimal(std::string_view(in, length));
    else value.assign(reinterpret_cast<const std::uint8_t*>(in), reinterpret_cast<const std::uint8_t*>(in) + length);
    in += length;
  }

 private:
  static std::string_view view(const V& value) {
    if constexpr (std::is_same_v<V, std::string>) return value;
    else if constexpr (std::is_same_v<V, Decimal>) return value.to_string();
    else return std::string_view(reinterpret_cast<const char*>(value.data()), value.size());
  }
};

// A nullable value: one byte (set or not), then the value when set.
template <typename V>
  requires state_codec<V>::direct
struct state_codec<std::optional<V>> {
  static constexpr bool direct = true;
  static std::size_t bound(const std::optional<V>& value) {
    return 1 + (value ? state_codec<V>::bound(*value) : 0);
  }
  [[gnu::always_inline]] static char* write(char* out, const std::optional<V>& value) {
    *out++ = value ? 1 : 0;
    return value ? state_codec<V>::write(out, *value) : out;
  }
  static bool equal(const char*& in, const std::optional<V>& value) {
    const bool was_set = *in++ != 0;
    if (!was_set) return !value;
    if (!value) {
      V skipped{};
      state_codec<V>::restore(in, skipped);
      return false;
    }
    return state_codec<V>::equal(in, *value);
  }
  static void restore(const char*& in, std::optional<V>& value) {
    if (*in++ == 0) {
      value.reset();
      return;
    }
    if (!value) value.emplace();
    state_codec<V>::restore(in, *value);
  }
};

template <typename V>
void write_state(StateArena& out, const V& value, schema::Dialect dialect) {
  using Codec = state_codec<V>;
  if constexpr (Codec::direct) out.commit(Codec::write(out.reserve(Codec::bound(value)), value));
  else Codec::write(out, value, dialect);
}

template <TableModel T>
constexpr bool all_columns_direct() {
  bool direct = true;
  traits_for_each(model_traits<T>::columns, [&](auto, const auto& column) {
    direct = direct && state_codec<typename std::remove_cvref_t<decltype(column)>::value_type>::direct;
  });
  return direct;
}

// Appends the state of every column of `object`.
template <TableModel T>
void write_row_state(StateArena& out, const T& object, schema::Dialect dialect) {
  if constexpr (all_columns_direct<T>()) {
    // One reservation for the row, then plain stores.
    std::size_t bytes = 0;
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      bytes += state_codec<typename Column::value_type>::bound(object.*Column::member);
    });
    char* at = out.reserve(bytes);
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      at = state_codec<typename Column::value_type>::write(at, object.*Column::member);
    });
    out.commit(at);
  } else {
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      write_state(out, object.*Column::member, dialect);
    });
  }
}

// Reads the state at `in` back into every column of `object`.
template <TableModel T>
void restore_row_state(const char* in, T& object, schema::Dialect dialect) {
  for_each_column<T>([&](auto, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    using Codec = state_codec<typename Column::value_type>;
    if constexpr (Codec::direct) Codec::restore(in, object.*Column::member);
    else Codec::restore(in, object.*Column::member, dialect);
  });
}

// changed[i]: column i of `object` differs from the state at `in`.
template <TableModel T>
void compare_row_state(const char* in, const T& object, schema::Dialect dialect, StateArena& scratch,
                       std::span<bool> changed) {
  for_each_column<T>([&](auto index, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    using Codec = state_codec<typename Column::value_type>;
    bool same;
    if constexpr (Codec::direct) same = Codec::equal(in, object.*Column::member);
    else same = Codec::equal(in, object.*Column::member, dialect, scratch);
    changed[index()] = !same;
  });
}

// Appends the state of the primary key columns of `object`: what the index is keyed by.
template <TableModel T>
void write_key_state(StateArena& out, const T& object, schema::Dialect dialect) {
  for_each_key_column<T>([&](const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    write_state(out, object.*Column::member, dialect);
  });
}

class RowStateTableBase {
 public:
  virtual ~RowStateTableBase() = default;
};

// The rows of one model the session knows, by primary key. Rows are appended to chunks that
// never move (a read appends and nothing else); the index from key bytes to row is built when
// a write first asks, from the rows appended since. Each row is
//   u32 size of the row | u8 forgotten | u32 size of the key | [the key's state] | the columns' state
// where the key's state is left out when the key columns come first (their state then starts
// the columns').
//
// Without an identity map, an object a relationship loaded can be an old copy of a row that
// another copy has changed and flushed since. Such an object is compared with its row as it
// was read (find_as_read): the first record of the row in or after the generation (the
// session's flush count) of its load, or, once a flush wrote the object itself, the state that
// flush recorded for that object (remember_object). The index keeps each row's older records;
// where each generation's records start is noted once per generation, not in every record, so
// the read path appends exactly what it did before.
template <TableModel T>
class RowStateTable final : public RowStateTableBase {
 public:
  RowStateTable(schema::Dialect dialect, const std::uint32_t& generation)
      : dialect_(dialect), generation_(generation) {}

  // Records the state of `object` (just read or written); a later record of the same key wins.
  [[gnu::always_inline]] void remember(const T& object) {
    if (bytes_ > compact_at_) compact();
    note_generation();
    append(object, false);
  }
  // remember() of each of `objects` (rows just read).
  void remember_all(std::span<const T> objects) {
    if (bytes_ > compact_at_) compact();
    note_generation();
    for (const T& object : objects) append(object, false);
  }
  // The row is gone (deleted by this session).
  void forget(const T& object) {
    note_generation();
    append(object, true);
  }
  // The state of `object` itself after a flush wrote it (its columns as it holds them, which
  // for an old copy are not all the row's): what find_as_read compares it with later.
  void remember_object(const T& object) {
    const std::size_t offset = object_states_.size();
    write_row_state(object_states_, object, dialect_);
    objects_.insert_or_assign(&object, ObjectState{generation_, offset});
  }

  // The state of the columns of the row whose key `object` holds, or nullptr when the session
  // does not know the row.
  const char* find(const T& object) {
    const char* row = latest_record(object);
    return row ? columns_of(row) : nullptr;
  }
  bool knows(const T& object) { return find(object) != nullptr; }

  // The state `object` was read with when a relationship loaded it in `generation`: what a
  // flush of that generation or later recorded for the object itself, else the row's first
  // record in or after that generation, else (older records compacted away, or none that
  // recent) its latest. nullptr when the session does not know the row.
  const char* find_as_read(const T& object, std::uint32_t generation) {
    if (generation == unknown_generation) return find(object);
    if (auto own = objects_.find(&object); own != objects_.end() && own->second.generation >= generation)
      return object_states_.data() + own->second.offset;
    const char* row = latest_record(object);
    if (!row) return nullptr;
    for (auto older = previous_.find(row); older != previous_.end(); older = previous_.find(row)) {
      if (older->second[4] || generation_of(older->second) < generation) break;
      row = older->second;
    }
    return columns_of(row);
  }

 private:
  static constexpr std::size_t header = 4 + 1 + 4;
  static constexpr std::size_t chunk_bytes = 1 << 16;

  static std::uint32_t u32(const char* at) {
    std::uint32_t value;
    std::memcpy(&value, at, sizeof value);
    return value;
  }
  // True when the key columns are the first columns (id first): no separate copy of the key.
  static constexpr bool key_leads = [] {
    for (std::size_t i = 0; i < primary_key_indexes<T>.size(); ++i)
      if (primary_key_indexes<T>[i] != i) return false;
    return true;
  }();
  static std::string_view key_of_row(const char* row) { return std::string_view(row + header, u32(row + 5)); }
  // Where the records of a generation start: (chunk, offset) of the first.
  struct GenerationStart {
    std::size_t chunk;
    std::size_t offset;
    std::uint32_t generation;
  };
  struct ObjectState {
    std::uint32_t generation;
    std::size_t offset;  // in object_states_
  };
  [[gnu::always_inline]] void note_generation() {
    if (generation_ != noted_generation_) [[unlikely]] start_generation();
  }
  [[gnu::noinline]] void start_generation() {
    noted_generation_ = generation_;
    generation_starts_.push_back({chunks_.empty() ? 0 : chunks_.size() - 1, chunk_used_, noted_generation_});
  }
  // The generation `row` was recorded in (0 before the first noted start).
  std::uint32_t generation_of(const char* row) const {
    std::size_t chunk = 0;
    while (chunk < chunks_.size() && !(row >= chunks_[chunk].get() && row < chunks_[chunk].get() + used_of(chunk)))
      ++chunk;
    if (chunk == chunks_.size()) return 0;
    const auto offset = static_cast<std::size_t>(row - chunks_[chunk].get());
    for (auto start = generation_starts_.rbegin(); start != generation_starts_.rend(); ++start)
      if (start->chunk < chunk || (start->chunk == chunk && start->offset <= offset)) return start->generation;
    return 0;
  }
  // The latest record of the row whose key `object` holds, or nullptr when the session does
  // not know the row or it was forgotten.
  const char* latest_record(const T& object) {
    index_new_rows();
    key_scratch_.clear();
    write_key_state(key_scratch_, object, dialect_);
    auto found = index_.find(std::string_view(key_scratch_.data(), key_scratch_.size()));
    if (found == index_.end() || found->second[4]) return nullptr;
    return found->second;
  }
  static const char* columns_of(const char* row) { return key_leads ? row + header : row + header + u32(row + 5); }

  char* room(std::size_t bytes) {
    if (chunk_capacity_ - chunk_used_ < bytes) [[unlikely]] new_chunk(bytes);
    return chunk_ + chunk_used_;
  }
  void commit(std::size_t bytes) {
    chunk_used_ += bytes;
    bytes_ += bytes;
  }
  [[gnu::noinline]] void new_chunk(std::size_t bytes) {
    if (!chunks_.empty()) chunk_sizes_.back() = chunk_used_;
    chunk_capacity_ = std::max(chunk_bytes, bytes);
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(chunk_capacity_));
    chunk_sizes_.push_back(0);
    chunk_ = chunks_.back().get();
    chunk_used_ = 0;
  }
  std::size_t used_of(std::size_t chunk) const {
    return chunk + 1 == chunks_.size() ? chunk_used_ : chunk_sizes_[chunk];
  }

  [[gnu::always_inline]] void append(const T& object, bool forgotten) {
    if constexpr (all_columns_direct<T>()) {
      if (!forgotten) {
        // One reservation for the row, then plain stores, all inlined into the caller's loop
        // over rows (GNU attributes: a lambda's call operator takes no [[...]] in C++20). Left
        // to itself, GCC's choice flips with unrelated code in the translation unit, and a
        // call per row costs the read and insert paths 2-3% (bench/orm_bench).
        std::size_t key_bytes = 0, bytes = 0;
        for_each_column_inlined<T>([&](auto index, const auto& column) __attribute__((always_inline)) {
          using Column = std::remove_cvref_t<decltype(column)>;
          const std::size_t size = state_codec<typename Column::value_type>::bound(object.*Column::member);
          bytes += size;
          if constexpr (is_primary_key_index<T>(index())) key_bytes += size;
        });
        char* const row = room(header + (key_leads ? 0 : key_bytes) + bytes);
        char* at = row + header;
        std::uint32_t key_size = 0;
        if constexpr (!key_leads) {
          for_each_key_column<T>([&](const auto& column) __attribute__((always_inline)) {
            using Column = std::remove_cvref_t<decltype(column)>;
            at = state_codec<typename Column::value_type>::write(at, object.*Column::member);
          });
          key_size = static_cast<std::uint32_t>(at - (row + header));
        }
        for_each_column_inlined<T>([&](auto index, const auto& column) __attribute__((always_inline)) {
          using Column = std::remove_cvref_t<decltype(column)>;
          at = state_codec<typename Column::value_type>::write(at, object.*Column::member);
          if constexpr (key_leads && index() + 1 == primary_key_indexes<T>.size())
            key_size = static_cast<std::uint32_t>(at - (row + header));
        });
        const auto size = static_cast<std::uint32_t>(at - row);
        std::memcpy(row, &size, 4);
        row[4] = 0;
        std::memcpy(row + 5, &key_size, 4);
        commit(size);
        return;
      }
    }
    scratch_.clear();
    char* head = scratch_.reserve(header);
    scratch_.commit(head + header);
    std::uint32_t key_size;
    if (key_leads && !forgotten) {
      // The key's state is the first columns' state.
      write_key_state(scratch_, object, dialect_);
      key_size = static_cast<std::uint32_t>(scratch_.size() - header);
      scratch_.clear();
      head = scratch_.reserve(header);
      scratch_.commit(head + header);
      write_row_state(scratch_, object, dialect_);
    } else {
      write_key_state(scratch_, object, dialect_);
      key_size = static_cast<std::uint32_t>(scratch_.size() - header);
      if (!forgotten) write_row_state(scratch_, object, dialect_);
    }
    const auto size = static_cast<std::uint32_t>(scratch_.size());
    char* row = room(size);
    std::memcpy(row, scratch_.data(), size);
    std::memcpy(row, &size, 4);
    row[4] = forgotten ? 1 : 0;
    std::memcpy(row + 5, &key_size, 4);
    commit(size);
  }

  void index_new_rows() {
    for (; indexed_chunk_ < chunks_.size(); ++indexed_chunk_, indexed_offset_ = 0) {
      const char* chunk = chunks_[indexed_chunk_].get();
      const std::size_t used = used_of(indexed_chunk_);
      while (indexed_offset_ < used) {
        const char* row = chunk + indexed_offset_;
        indexed_offset_ += u32(row);
        auto [entry, added] = index_.try_emplace(key_of_row(row), row);
        if (!added) {
          previous_.insert_or_assign(row, entry->second);
          entry->second = row;
        }
      }
      if (indexed_chunk_ + 1 == chunks_.size()) return;  // the current chunk: more rows to come
    }
  }

  // Keeps the latest state of each row only (and none of forgotten ones): a session that reads
  // the same rows again and again holds each once. Amortised: the bytes must have doubled since.
  void compact() {
    index_new_rows();
    std::vector<const char*> live;
    live.reserve(index_.size());
    for (const auto& [key, row] : index_)
      if (!row[4]) live.push_back(row);
    auto chunks = std::move(chunks_);
    chunks_.clear();
    chunk_sizes_.clear();
    chunk_ = nullptr;
    chunk_used_ = chunk_capacity_ = 0;
    bytes_ = 0;
    index_.clear();
    previous_.clear();
    objects_.clear();
    object_states_.clear();
    // The rows kept lose their own generations: as one of the current generation they are the
    // state a load of any earlier generation compares with (find_as_read's fallback).
    generation_starts_.clear();
    generation_starts_.push_back({0, 0, generation_});
    noted_generation_ = generation_;
    for (const char* row : live) {
      const std::uint32_t size = u32(row);
      std::memcpy(room(size), row, size);
      commit(size);
    }
    indexed_chunk_ = 0;
    indexed_offset_ = 0;
    compact_at_ = std::max<std::size_t>(64u << 20, 2 * bytes_);
  }

  schema::Dialect dialect_;
  const std::uint32_t& generation_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<std::size_t> chunk_sizes_;  // bytes used in each chunk but the last (chunk_used_)
  char* chunk_ = nullptr;
  std::size_t chunk_used_ = 0;
  std::size_t chunk_capacity_ = 0;
  std::size_t bytes_ = 0;
  std::size_t compact_at_ = 64u << 20;
  std::size_t indexed_chunk_ = 0;
  std::size_t indexed_offset_ = 0;
  std::unordered_map<std::string_view, const char*> index_;
  std::unordered_map<const char*, const char*> previous_;  // a row's record -> its record before
  std::unordered_map<const void*, ObjectState> objects_;  // an object -> its remember_object state
  StateArena object_states_;
  std::vector<GenerationStart> generation_starts_;
  std::uint32_t noted_generation_ = unknown_generation;
  StateArena scratch_;
  StateArena key_scratch_;
};

// Every model's table of a session, and the session's generation: how many flushes it finished.
class RowStates {
 public:
  explicit RowStates(schema::Dialect dialect) : dialect_(dialect) {}
  std::uint32_t generation() const { return *generation_; }
  // A flush finished: what it recorded belongs to the generation that ends.
  void next_generation() {
    if (*generation_ + 1 != unknown_generation) ++*generation_;
  }
  template <TableModel T>
  RowStateTable<T>& of() {
    const void* tag = &model_tag<T>;
    if (last_tag_ == tag) return *static_cast<RowStateTable<T>*>(last_);
    auto& slot = tables_[tag];
    if (!slot) slot = std::make_unique<RowStateTable<T>>(dialect_, *generation_);
    last_tag_ = tag;
    last_ = slot.get();
    return *static_cast<RowStateTable<T>*>(last_);
  }
  void clear() {
    tables_.clear();
    last_tag_ = nullptr;
    last_ = nullptr;
  }

 private:
  template <typename T>
  static inline const char model_tag = 0;
  schema::Dialect dialect_;
  // On the heap: the tables refer to it, and a session (with its RowStates) may move.
  std::unique_ptr<std::uint32_t> generation_ = std::make_unique<std::uint32_t>(0);
  std::unordered_map<const void*, std::unique_ptr<RowStateTableBase>> tables_;
  const void* last_tag_ = nullptr;
  RowStateTableBase* last_ = nullptr;
};

}  // namespace sqlmodel::detail
