// How a verb joins sqlmodel-migrate: one source file per verb registers itself, so adding a
// verb means adding a file (and its line in migration-runner/CMakeLists.txt), nothing else.
//
//   namespace {
//   const VerbRegistrar upgrade_verb{{
//       "upgrade", 50, "Apply migrations up to a revision (default: head)",
//       [](CLI::App& verb, Context& context) -> VerbAction {
//         auto target = std::make_shared<std::string>("head");
//         verb.add_option("revision", *target, "head, REV or +N");
//         return [target, &context] { ...; return exit_ok; };
//       }}};
//   }
//
// `order` sorts the verbs in --help (10s for setup, 20s for authoring, 50s for applying).
// The action runs after parsing; it returns an ExitCode or throws (errors.cpp reports it).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace sqlmodel::migrate::cli {

class Context;

using VerbAction = std::function<int()>;

struct VerbDefinition {
  std::string name;
  int order = 0;
  std::string description;
  // Adds the verb's options to `verb` and returns what to run when it is chosen.
  std::function<VerbAction(CLI::App& verb, Context& context)> setup;
};

// Registers a verb at static-initialisation time (verb sources are linked into the program
// directly, never through a static library, so the registrars are always kept).
class VerbRegistrar {
 public:
  explicit VerbRegistrar(VerbDefinition definition);
};

// Every registered verb, sorted by order then name.
std::vector<VerbDefinition> registered_verbs();

}  // namespace sqlmodel::migrate::cli
