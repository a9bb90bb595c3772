#include "schema/naming.hpp"

#include <cstdint>
#include <cstdio>

#include "schema/sql_lexical.hpp"

namespace sqlmodel::schema::naming {
namespace {

std::string join(std::string_view prefix, std::string_view table,
                 const std::vector<std::string>& parts) {
  std::string name{prefix};
  name += table;
  for (const auto& part : parts) {
    name += '_';
    name += part;
  }
  return fit_identifier(std::move(name));
}

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

std::string fit_identifier(std::string name) {
  if (name.size() <= max_identifier_bytes) return name;
  char suffix[10];
  std::snprintf(suffix, sizeof suffix, "_%08x", static_cast<unsigned>(fnv1a(name)));
  std::size_t keep = max_identifier_bytes - 9;
  // Never cut a UTF-8 sequence in half: back up to the start of a code point.
  while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
  name.resize(keep);
  name += suffix;
  return name;
}

std::optional<std::string> identifier_problem(std::string_view what, std::string_view name) {
  if (name.find('\0') != std::string_view::npos)
    return std::string(what) + " \"" + printable(name) + "\" holds a NUL byte, which no identifier can";
  if (name.size() > max_identifier_bytes)
    return std::string(what) + " \"" + printable(name) + "\" is " + std::to_string(name.size()) +
           " bytes long; PostgreSQL truncates identifiers to " + std::to_string(max_identifier_bytes) +
           " bytes, so it would be stored cut and collide with any name sharing its first " +
           std::to_string(max_identifier_bytes) + " bytes";
  return std::nullopt;
}

std::optional<std::string> reserved_table_problem(std::string_view table) {
  const std::string name = lower_ascii(table);
  if (name == version_table)
    return "table name \"" + printable(table) + "\" is reserved: sqlmodel-migrate records the applied revisions in "
           "its own table of that name";
  if (name == progress_table)
    return "table name \"" + printable(table) + "\" is reserved: sqlmodel-migrate records how far a revision that "
           "does not run in one transaction got in its own table of that name";
  if (name.starts_with(rebuild_table_prefix))
    return "table name \"" + printable(table) + "\" is reserved: names starting with \"" +
           std::string(rebuild_table_prefix) + "\" are the temporary tables of the SQLite table rebuild";
  return std::nullopt;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::size_t> invalid_utf8_offset(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return i;
    std::uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return i;
    i += length;
  }
  return std::nullopt;
}

std::string primary_key(std::string_view table) { return join("pk_", table, {}); }

std::string index(std::string_view table, const std::vector<std::string>& columns) {
  return join("ix_", table, columns);
}

std::string unique(std::string_view table, const std::vector<std::string>& columns) {
  return join("uq_", table, columns);
}

std::string check(std::string_view table, std::string_view label) {
  return join("ck_", table, {std::string(label)});
}

std::string foreign_key(std::string_view table, const std::vector<std::string>& columns,
                        std::string_view referred_table) {
  std::vector<std::string> parts = columns;
  parts.emplace_back(referred_table);
  return join("fk_", table, parts);
}

std::string enum_check(std::string_view table, std::string_view column) {
  return join("ck_", table, {std::string(column), "enum"});
}

std::string sync_trigger(std::string_view table, std::string_view old_column, std::string_view new_column) {
  return fit_identifier("sqlmodel_sync_" + std::string(table) + "_" + std::string(old_column) + "_" +
                        std::string(new_column));
}

std::string replacement_column(std::string_view column) {
  return fit_identifier("_sqlmodel_new_" + std::string(column));
}

}  // namespace sqlmodel::schema::naming
