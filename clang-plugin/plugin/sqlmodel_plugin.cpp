// The Clang plugin: -fplugin=sqlmodel-plugin.so [-fplugin-arg-sqlmodel-snapshot=PATH]
// [-fplugin-arg-sqlmodel-emit=PATH] [-fplugin-arg-sqlmodel-source-root=DIR]
// [-fplugin-arg-sqlmodel-checks=GLOBS] [-fplugin-arg-sqlmodel-warnings-as-errors=GLOBS].
// It runs before the main action (an after-main plugin would keep the AST alive through code
// generation) and only reads the AST.
#include <memory>
#include <string>
#include <vector>

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"

#include "sqlmodel_consumer.hpp"

namespace sqlmodel::plugin {
namespace {

class SqlmodelAction : public clang::PluginASTAction {
 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& compiler,
                                                        llvm::StringRef) override {
    return std::make_unique<SqlmodelConsumer>(options_,
                                              &compiler.getPreprocessor().getHeaderSearchInfo());
  }

  bool ParseArgs(const clang::CompilerInstance& compiler,
                 const std::vector<std::string>& args) override {
    try {
      std::string error;
      if (parse_plugin_options(args, options_, error)) return true;
      report_plain_error(compiler.getDiagnostics(), error);
    } catch (...) {
      report_plain_error(compiler.getDiagnostics(), "internal error while reading plugin options");
    }
    return false;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

 private:
  PluginOptions options_;
};

}  // namespace
}  // namespace sqlmodel::plugin

static clang::FrontendPluginRegistry::Add<sqlmodel::plugin::SqlmodelAction>
    registration("sqlmodel", "check sqlmodel models and write their schema snapshot and generated traits");
