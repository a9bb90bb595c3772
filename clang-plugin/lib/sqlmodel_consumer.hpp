// The work of one translation unit, shared by the plugin and sqlmodel-check: read the models,
// run the checks, write the snapshot and the generated header when asked and when there are
// no errors.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Lex/HeaderSearch.h"

#include "codegen/generated_code.hpp"
#include "reporter.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::plugin {

struct ModelSet;
class SourcePaths;

struct PluginOptions {
  std::optional<std::string> snapshot;  // snapshot=PATH
  std::string source_root;              // source-root=DIR: snapshot paths relative to it
  // When set, receives each error-free translation unit's schema instead of a snapshot file
  // being written (sqlmodel-check merges them).
  std::function<void(schema::Schema)> on_schema;
  std::optional<std::string> emit;  // emit=PATH: the generated header (model traits)
  bool jsonb = false;               // json-type=jsonb: JSON members default to jsonb
  bool sqlite_uuid_hex = false;     // sqlite-uuid=hex: UUID members default to uuid_hex
  // When set, receives each error-free translation unit's generated code instead of the
  // header being written (sqlmodel-check merges them); `emit` still places the header, which
  // decides how it spells the models' includes.
  std::function<void(codegen::GeneratedHeader)> on_generated;
  // checks=GLOBS and warnings-as-errors=GLOBS (clang-tidy style, applied in order).
  DiagnosticSwitches switches;
};

// Parses "key=value" arguments (-fplugin-arg-sqlmodel-key=value). On an unknown or malformed
// one returns false with `error` naming it and listing the valid keys.
// sqlmodel-check's --checks / --warnings-as-errors go through the same code.
bool parse_plugin_options(const std::vector<std::string>& args, PluginOptions& options,
                          std::string& error);
// Applies one checks= (`as_errors` false) or warnings-as-errors= value; false with `error` set
// for a glob that matches no check or turns off an error that cannot be turned off.
bool apply_check_globs(const std::string& globs, bool as_errors, DiagnosticSwitches& switches,
                       std::string& error);

class SqlmodelConsumer : public clang::ASTConsumer {
 public:
  // `header_search` (the compiler's include directories) spells the generated header's
  // includes; without it they are relative to the generated header.
  explicit SqlmodelConsumer(PluginOptions options, const clang::HeaderSearch* header_search = nullptr)
      : options_(std::move(options)), header_search_(header_search) {}
  void HandleTranslationUnit(clang::ASTContext& context) override;

 private:
  void run(clang::ASTContext& context);
  void emit_code(const ModelSet& models, clang::ASTContext& context, Reporter& reporter,
                 const SourcePaths& paths);
  PluginOptions options_;
  const clang::HeaderSearch* header_search_;
};

// Reports an error that is not tied to a source location ("sqlmodel: ...").
void report_plain_error(clang::DiagnosticsEngine& diagnostics, const std::string& message);

}  // namespace sqlmodel::plugin
