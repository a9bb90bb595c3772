#include <algorithm>

#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

std::vector<VerbDefinition>& registry() {
  static std::vector<VerbDefinition> verbs;  // constructed on first use: safe from any static initialiser
  return verbs;
}

}  // namespace

VerbRegistrar::VerbRegistrar(VerbDefinition definition) { registry().push_back(std::move(definition)); }

std::vector<VerbDefinition> registered_verbs() {
  auto verbs = registry();
  std::sort(verbs.begin(), verbs.end(), [](const VerbDefinition& a, const VerbDefinition& b) {
    return a.order != b.order ? a.order < b.order : a.name < b.name;
  });
  return verbs;
}

}  // namespace sqlmodel::migrate::cli
