// sqlmodel-check -p BUILD_DIR [--snapshot=schema.json] [--emit=models.sqlmodel.hpp]
//                [--checks=GLOBS] [--warnings-as-errors=GLOBS] [--json-type=json|jsonb]
//                [--sqlite-uuid=text|hex] [--extra-arg=ARG] [files...]
// sqlmodel-check --list-checks
// The plugin's checks and snapshot for projects built with GCC: reads compile_commands.json,
// strips GCC-only flags, and runs the same code as the plugin through LibTooling.
#include <exception>
#include <string>
#include <vector>

#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "codegen/header_writer.hpp"
#include "command_line.hpp"
#include "codegen/output_file.hpp"
#include "gcc_flags.hpp"
#include "merge_snapshots.hpp"
#include "schema/snapshot_json.hpp"
#include "sqlmodel_consumer.hpp"

namespace {

llvm::cl::OptionCategory category("sqlmodel-check options");
llvm::cl::opt<std::string> build_dir_option(
    "p", llvm::cl::desc("The build directory holding compile_commands.json"),
    llvm::cl::value_desc("build-dir"), llvm::cl::cat(category));
llvm::cl::list<std::string> files_option(
    llvm::cl::Positional, llvm::cl::desc("[files...] (default: every file of the database)"),
    llvm::cl::cat(category));
llvm::cl::list<std::string> extra_args_option(
    "extra-arg", llvm::cl::desc("An argument to append to every compile command"),
    llvm::cl::value_desc("arg"), llvm::cl::cat(category));
llvm::cl::opt<std::string> snapshot_option(
    "snapshot", llvm::cl::desc("Write the merged schema snapshot of all files checked to <path>"),
    llvm::cl::value_desc("path"), llvm::cl::cat(category));
llvm::cl::opt<std::string> emit_option(
    "emit", llvm::cl::desc("Write the models' generated traits header (model_traits, enum_traits) to <path>"),
    llvm::cl::value_desc("path"), llvm::cl::cat(category));
llvm::cl::list<std::string> checks_option(
    "checks",
    llvm::cl::desc("Turn checks off and on by name, as the plugin's -fplugin-arg-sqlmodel-checks: "
                   "comma-separated globs, '-' to turn off, later ones win (-foreign-key-index,-duplicate-index)"),
    llvm::cl::value_desc("globs"), llvm::cl::cat(category));
llvm::cl::list<std::string> warnings_as_errors_option(
    "warnings-as-errors",
    llvm::cl::desc("Report the warnings of these checks as errors (globs, as --checks; '*' for all)"),
    llvm::cl::value_desc("globs"), llvm::cl::cat(category));
llvm::cl::opt<bool> list_checks_option(
    "list-checks", llvm::cl::desc("List every check: name, severity, whether it can be turned off"),
    llvm::cl::cat(category));
llvm::cl::opt<std::string> json_type_option(
    "json-type", llvm::cl::desc("The column type of JSON members without .sql_type: json (the default) or jsonb"),
    llvm::cl::value_desc("json|jsonb"), llvm::cl::init("json"), llvm::cl::cat(category));
llvm::cl::opt<std::string> sqlite_uuid_option(
    "sqlite-uuid", llvm::cl::desc("How UUID members without .sql_type are stored on SQLite: text (CHAR(36), the default) or hex (CHAR(32), SQLAlchemy's form)"),
    llvm::cl::value_desc("text|hex"), llvm::cl::init("text"), llvm::cl::cat(category));
llvm::cl::opt<std::string> source_root_option(
    "source-root", llvm::cl::desc("Make snapshot source paths relative to <dir> (default: the working directory)"),
    llvm::cl::value_desc("dir"), llvm::cl::cat(category));

class CheckAction : public clang::ASTFrontendAction {
 public:
  explicit CheckAction(sqlmodel::plugin::PluginOptions options) : options_(std::move(options)) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& compiler,
                                                        llvm::StringRef) override {
    return std::make_unique<sqlmodel::plugin::SqlmodelConsumer>(
        options_, &compiler.getPreprocessor().getHeaderSearchInfo());
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
  llvm::cl::HideUnrelatedOptions(category);
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream& out) {
    out << sqlmodel::cli::version_text("sqlmodel-check", {{"schema snapshot", 0, sqlmodel::schema::snapshot_format}})
        << "\nclang " << CLANG_VERSION_STRING << " (the compiler whose checks it runs)\n";
  });
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          "Checks sqlmodel models with the plugin's checks, for builds that use GCC.\n"))
    return 1;

  if (list_checks_option) {
    for (const sqlmodel::plugin::CheckInfo& info : sqlmodel::plugin::registered_checks())
      llvm::outs() << "sqlmodel-" << info.name << "\t"
                   << (info.severity == sqlmodel::plugin::Severity::error ? "error" : "warning")
                   << (info.switchable ? "" : " (cannot be turned off)") << "\t" << info.summary << "\n";
    return 0;
  }
  if (build_dir_option.empty()) {
    llvm::errs() << "sqlmodel-check: error: -p BUILD_DIR (the directory of compile_commands.json) is required\n";
    return 1;
  }

  sqlmodel::plugin::PluginOptions options;
  std::string error;
  // In the order given, as repeated plugin arguments apply.
  for (const std::string& globs : checks_option)
    if (!sqlmodel::plugin::apply_check_globs(globs, false, options.switches, error)) {
      llvm::errs() << "sqlmodel-check: error: " << error << "\n";
      return 1;
    }
  for (const std::string& globs : warnings_as_errors_option)
    if (!sqlmodel::plugin::apply_check_globs(globs, true, options.switches, error)) {
      llvm::errs() << "sqlmodel-check: error: " << error << "\n";
      return 1;
    }

  std::unique_ptr<clang::tooling::CompilationDatabase> database =
      clang::tooling::CompilationDatabase::loadFromDirectory(build_dir_option, error);
  if (!database) {
    llvm::errs() << "sqlmodel-check: cannot read the compilation database in '" << build_dir_option
                 << "': " << error << "\n";
    return 1;
  }
  std::vector<std::string> files(files_option.begin(), files_option.end());
  if (files.empty()) files = database->getAllFiles();
  if (files.empty()) {
    llvm::errs() << "sqlmodel-check: no files to check: the compilation database is empty\n";
    return 1;
  }

  std::vector<sqlmodel::snapshot_merge::SnapshotInput> schemas;
  options.source_root = source_root_option;
  if (json_type_option != "json" && json_type_option != "jsonb") {
    llvm::errs() << "sqlmodel-check: error: --json-type takes json or jsonb, not '" << json_type_option << "'\n";
    return 1;
  }
  options.jsonb = json_type_option == "jsonb";
  if (sqlite_uuid_option != "text" && sqlite_uuid_option != "hex") {
    llvm::errs() << "sqlmodel-check: error: --sqlite-uuid takes text or hex, not '" << sqlite_uuid_option << "'\n";
    return 1;
  }
  options.sqlite_uuid_hex = sqlite_uuid_option == "hex";
  if (!snapshot_option.empty())
    options.on_schema = [&](sqlmodel::schema::Schema schema) {
      schemas.push_back({"translation unit " + std::to_string(schemas.size() + 1), std::move(schema)});
    };

  std::vector<sqlmodel::plugin::codegen::GeneratedHeader> generated;
  if (emit_option.getNumOccurrences() != 0) {
    if (emit_option.empty()) {
      llvm::errs() << "sqlmodel-check: error: --emit needs a path: --emit=models.sqlmodel.hpp\n";
      return 1;
    }
    // Absolute now: the tool runs each compile command in that command's directory.
    llvm::SmallString<256> emit_path(emit_option.getValue());
    llvm::sys::fs::make_absolute(emit_path);
    options.emit = std::string(emit_path);
    options.on_generated = [&](sqlmodel::plugin::codegen::GeneratedHeader header) {
      generated.push_back(std::move(header));
    };
  }

  clang::tooling::ClangTool tool(*database, files);
  tool.appendArgumentsAdjuster(
      [](const clang::tooling::CommandLineArguments& args, llvm::StringRef) {
        return sqlmodel::check::strip_gcc_only_flags(args);
      });
  // Clang's own headers (stddef.h, ...) live beside the compiler, not beside this tool.
  std::vector<std::string> extra{"-resource-dir=" SQLMODEL_CLANG_RESOURCE_DIR};
  extra.insert(extra.end(), extra_args_option.begin(), extra_args_option.end());
  tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      extra, clang::tooling::ArgumentInsertPosition::END));
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
  if (options.emit) {
    std::string text = sqlmodel::plugin::codegen::write_header(
        sqlmodel::plugin::codegen::merge(generated), "the models sqlmodel-check read");
    std::string error = sqlmodel::plugin::codegen::write_if_changed(*options.emit, text);
    if (!error.empty()) {
      llvm::errs() << "sqlmodel-check: error: cannot write the generated header '" << emit_option
                   << "': " << error << "\n";
      return 1;
    }
  }
  return 0;
}
