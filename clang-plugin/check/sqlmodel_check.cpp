// sqlmodel-check -p BUILD_DIR [--snapshot=schema.json] [files...]
// The plugin's checks and snapshot for projects built with GCC: reads compile_commands.json,
// strips GCC-only flags, and runs the same code as the plugin through LibTooling.
#include <exception>
#include <string>
#include <vector>

#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include "gcc_flags.hpp"
#include "merge_snapshots.hpp"
#include "schema/snapshot_json.hpp"
#include "sqlmodel_consumer.hpp"

namespace {

llvm::cl::OptionCategory category("sqlmodel-check options");
llvm::cl::opt<std::string> snapshot_option(
    "snapshot", llvm::cl::desc("Write the merged schema snapshot of all files checked to <path>"),
    llvm::cl::value_desc("path"), llvm::cl::cat(category));
llvm::cl::opt<std::string> source_root_option(
    "source-root", llvm::cl::desc("Make snapshot source paths relative to <dir> (default: the working directory)"),
    llvm::cl::value_desc("dir"), llvm::cl::cat(category));

class CheckAction : public clang::ASTFrontendAction {
 public:
  explicit CheckAction(sqlmodel::plugin::PluginOptions options) : options_(std::move(options)) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&, llvm::StringRef) override {
    return std::make_unique<sqlmodel::plugin::SqlmodelConsumer>(options_);
  }

 private:
  sqlmodel::plugin::PluginOptions options_;
};

class CheckActionFactory : public clang::tooling::FrontendActionFactory {
 public:
  explicit CheckActionFactory(sqlmodel::plugin::PluginOptions options) : options_(std::move(options)) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<CheckAction>(options_);
  }

 private:
  sqlmodel::plugin::PluginOptions options_;
};

}  // namespace

int main(int argc, const char** argv) {
  auto parser = clang::tooling::CommonOptionsParser::create(
      argc, argv, category, llvm::cl::ZeroOrMore,
      "Checks sqlmodel models with the plugin's checks, for builds that use GCC.\n"
      "Files default to every file of the compilation database.\n");
  if (!parser) {
    llvm::errs() << "sqlmodel-check: " << llvm::toString(parser.takeError()) << "\n";
    return 1;
  }
  std::vector<std::string> files = parser->getSourcePathList();
  if (files.empty()) files = parser->getCompilations().getAllFiles();
  if (files.empty()) {
    llvm::errs() << "sqlmodel-check: no files to check: the compilation database is empty\n";
    return 1;
  }

  std::vector<sqlmodel::snapshot_merge::SnapshotInput> schemas;
  sqlmodel::plugin::PluginOptions options;
  options.source_root = source_root_option;
  std::size_t file_index = 0;
  if (!snapshot_option.empty())
    options.on_schema = [&](sqlmodel::schema::Schema schema) {
      schemas.push_back({"translation unit " + std::to_string(++file_index), std::move(schema)});
    };

  clang::tooling::ClangTool tool(parser->getCompilations(), files);
  tool.appendArgumentsAdjuster(
      [](const clang::tooling::CommandLineArguments& args, llvm::StringRef) {
        return sqlmodel::check::strip_gcc_only_flags(args);
      });
  // Clang's own headers (stddef.h, ...) live beside the compiler, not beside this tool.
  tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-resource-dir=" SQLMODEL_CLANG_RESOURCE_DIR, clang::tooling::ArgumentInsertPosition::END));
  CheckActionFactory factory(options);
  int status = tool.run(&factory);
  if (status != 0) return status;

  if (!snapshot_option.empty()) {
    try {
      sqlmodel::schema::Schema merged = sqlmodel::snapshot_merge::merge(schemas);
      sqlmodel::schema::write_snapshot_file(merged, snapshot_option.getValue());
    } catch (const std::exception& error) {
      llvm::errs() << "sqlmodel-check: error: " << error.what() << "\n";
      return 1;
    }
  }
  return 0;
}
