#include "generated_code.hpp"

#include <algorithm>
#include <set>

namespace sqlmodel::plugin::codegen {
namespace {

template <typename T, typename Key>
void append_new(std::vector<T>& into, const std::vector<T>& from, std::set<std::string>& seen, Key key) {
  for (const T& item : from)
    if (seen.insert(key(item)).second) into.push_back(item);
}

}  // namespace

GeneratedHeader merge(const std::vector<GeneratedHeader>& headers) {
  GeneratedHeader merged;
  std::set<std::string> includes, enums, json_structs, tables, mirrors;
  for (const GeneratedHeader& header : headers) {
    append_new(merged.includes, header.includes, includes, [](const std::string& i) { return i; });
    append_new(merged.enums, header.enums, enums, [](const EnumCode& e) { return e.type; });
    append_new(merged.json_structs, header.json_structs, json_structs,
               [](const JsonStructCode& j) { return j.type; });
    append_new(merged.tables, header.tables, tables, [](const TableCode& t) { return t.type; });
    append_new(merged.mirrors, header.mirrors, mirrors, [](const MirrorCode& m) { return m.type; });
  }
  return merged;
}

}  // namespace sqlmodel::plugin::codegen
