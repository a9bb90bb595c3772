// A row encoder for PostgreSQL's COPY text format, driven by the same generated bind code as a
// prepared statement: each column's codec "binds" its value, and the value is appended to the
// row as COPY text (tab between fields, \N for NULL, backslash escapes for backslash, tab,
// newline and carriage return; bytea as \\x<hex>). Used by Session::bulk_insert.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sqlmodel/errors.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel::detail {

class CopyText final : public BindOnlyStatement {
 public:
  // `sql` is the COPY statement, for listeners and errors; `table` the table it writes.
  CopyText(std::string sql, std::string table)
      : BindOnlyStatement(std::move(sql), schema::Dialect::postgresql), table_(std::move(table)) {}

  // Rows are appended to `out`; start_row() before the first field of each row.
  void start_row(std::string& out) {
    out_ = &out;
    first_field_ = true;
  }

  void bind_null(int) override { field() += "\\N"; }
  void bind_bool(int, bool value) override { field() += value ? 't' : 'f'; }
  void bind_int64(int, std::int64_t value) override {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    field().append(buffer, result.ptr);
  }
  void bind_double(int, double value) override {
    std::string& out = field();
    if (std::isnan(value)) {
      out += "NaN";
    } else if (std::isinf(value)) {
      out += value > 0 ? "Infinity" : "-Infinity";
    } else {
      char buffer[32];
      auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
      out.append(buffer, result.ptr);
    }
  }
  void bind_text(int index, std::string_view value) override {
    // COPY text has no escape for a NUL, and the server refuses the raw byte.
    if (value.find('\0') != std::string_view::npos) throw NulInTextError(table_, "", index, sql());
    std::string& out = field();
    std::size_t plain = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const char c = value[i];
      const char* escape = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : nullptr;
      if (!escape) continue;
      out.append(value.data() + plain, i - plain);
      out += escape;
      plain = i + 1;
    }
    out.append(value.data() + plain, value.size() - plain);
  }
  void bind_blob(int, std::span<const std::uint8_t> value) override {
    static constexpr char digits[] = "0123456789abcdef";
    std::string& out = field();
    out += "\\\\x";  // bytea's \x prefix, its backslash escaped for COPY
    for (std::uint8_t byte : value) {
      out += digits[byte >> 4];
      out += digits[byte & 0x0f];
    }
  }
  void bind_uuid(int, const UUID& value, std::optional<SqliteUuid>) override { field() += value.to_string(); }

 private:
  std::string& field() {
    if (!first_field_) *out_ += '\t';
    first_field_ = false;
    return *out_;
  }

  std::string table_;
  std::string* out_ = nullptr;
  bool first_field_ = true;
};

}  // namespace sqlmodel::detail
