#include "schema/naming.hpp"

#include <cstdint>
#include <cstdio>

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

}  // namespace sqlmodel::schema::naming
