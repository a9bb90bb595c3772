// The work of one translation unit, shared by the plugin and sqlmodel-check: read the models,
// run the checks, write the snapshot when asked and when there are no errors.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"

#include "schema/schema.hpp"

namespace sqlmodel::plugin {

struct PluginOptions {
  std::optional<std::string> snapshot;  // snapshot=PATH
  std::string source_root;              // source-root=DIR: snapshot paths relative to it
  // When set, receives each error-free translation unit's schema instead of a snapshot file
  // being written (sqlmodel-check merges them).
  std::function<void(schema::Schema)> on_schema;
};

// Parses "key=value" arguments (-fplugin-arg-sqlmodel-key=value). On an unknown or malformed
// one returns false with `error` naming it and listing the valid keys.
bool parse_plugin_options(const std::vector<std::string>& args, PluginOptions& options,
                          std::string& error);

class SqlmodelConsumer : public clang::ASTConsumer {
 public:
  explicit SqlmodelConsumer(PluginOptions options) : options_(std::move(options)) {}
  void HandleTranslationUnit(clang::ASTContext& context) override;

 private:
  void run(clang::ASTContext& context);
  PluginOptions options_;
};

// Reports an error that is not tied to a source location ("sqlmodel: ...").
void report_plain_error(clang::DiagnosticsEngine& diagnostics, const std::string& message);

}  // namespace sqlmodel::plugin
