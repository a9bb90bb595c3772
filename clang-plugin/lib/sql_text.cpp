#include "sql_text.hpp"

#include <algorithm>
#include <set>

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/TargetInfo.h"

#include "reporter.hpp"

namespace sqlmodel::plugin {
namespace {

using Reading = schema::SqlStatementReading;

// Declared directly in namespace sqlmodel (or in a class of it), not in sqlmodel::detail.
bool in_sqlmodel_namespace(const clang::Decl* decl) {
  const clang::DeclContext* context = decl->getDeclContext();
  while (context && context->isRecord()) context = context->getParent();
  const auto* space = llvm::dyn_cast_or_null<clang::NamespaceDecl>(context);
  return space && space->getIdentifier() && space->getName() == "sqlmodel" &&
         space->getParent()->getRedeclContext()->isTranslationUnit();
}

bool named(const clang::NamedDecl* decl, llvm::StringRef name) {
  return decl && decl->getIdentifier() && decl->getName() == name;
}

bool is_text_class(const clang::CXXRecordDecl* record) {
  return named(record, "Text") && in_sqlmodel_namespace(record);
}

bool is_text_type(clang::QualType type) {
  return is_text_class(type.getNonReferenceType()->getAsCXXRecordDecl());
}

// The string literal an argument is, through the conversions to std::string / string_view.
const clang::StringLiteral* literal_of(const clang::Expr* expression) {
  for (int step = 0; expression && step < 16; ++step) {
    expression = expression->IgnoreParenImpCasts();
    if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(expression))
      return literal->isOrdinary() || literal->isUTF8() ? literal : nullptr;
    if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(expression))
      expression = temporary->getSubExpr();
    else if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(expression))
      expression = bind->getSubExpr();
    else if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(expression))
      expression = cleanups->getSubExpr();
    else if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(expression))
      expression = cast->getSubExpr();
    else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(expression))
      expression = construct->getNumArgs() >= 1 ? construct->getArg(0) : nullptr;
    else
      return nullptr;
  }
  return nullptr;
}

clang::QualType text_row_type(clang::QualType text_type) {
  const auto* specialization =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(text_type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!specialization || specialization->getTemplateArgs().size() != 1) return {};
  const clang::TemplateArgument& argument = specialization->getTemplateArgs()[0];
  return argument.getKind() == clang::TemplateArgument::Type ? argument.getAsType() : clang::QualType();
}

// text<Row>(...) as written, for messages that spell the types the way the user did.
clang::QualType written_row_type(const clang::Expr* root) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(root);
  if (!call) return {};
  const auto* reference = llvm::dyn_cast<clang::DeclRefExpr>(call->getCallee()->IgnoreParenImpCasts());
  if (!reference || reference->getNumTemplateArgs() != 1) return {};
  const clang::TemplateArgument& argument = reference->template_arguments()[0].getArgument();
  return argument.getKind() == clang::TemplateArgument::Type ? argument.getAsType() : clang::QualType();
}

// std::tuple<A, B>: {A, B}, as written when the type is.
std::optional<std::vector<clang::QualType>> tuple_elements(clang::QualType type) {
  if (type.isNull()) return std::nullopt;
  const auto* specialization =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (!specialization || !named(specialization, "tuple") || !specialization->isInStdNamespace()) return std::nullopt;
  std::vector<clang::QualType> elements;
  if (const auto* written = type->getAs<clang::TemplateSpecializationType>()) {
    for (const clang::TemplateArgument& argument : written->template_arguments()) {
      if (argument.getKind() != clang::TemplateArgument::Type) {
        elements.clear();
        break;
      }
      elements.push_back(argument.getAsType());
    }
    if (!elements.empty()) return elements;
  }
  for (const clang::TemplateArgument& argument : specialization->getTemplateArgs().asArray()) {
    if (argument.getKind() == clang::TemplateArgument::Pack) {
      for (const clang::TemplateArgument& element : argument.pack_elements()) {
        if (element.getKind() != clang::TemplateArgument::Type) return std::nullopt;
        elements.push_back(element.getAsType());
      }
    } else if (argument.getKind() == clang::TemplateArgument::Type) {
      elements.push_back(argument.getAsType());
    } else {
      return std::nullopt;
    }
  }
  return elements;
}

class SqlTextFinder : public clang::RecursiveASTVisitor<SqlTextFinder> {
 public:
  SqlTextFinder(clang::ASTContext& ast, Reporter& reporter) : ast_(ast), reporter_(reporter) {}

  std::vector<SqlTextUse> uses;

  // The standard library and other system headers hold no statements of this project: their
  // bodies are not walked (most of a translation unit, and most of the cost).
  bool TraverseDecl(clang::Decl* decl) {
    if (decl && !llvm::isa<clang::TranslationUnitDecl, clang::NamespaceDecl, clang::LinkageSpecDecl>(decl) &&
        ast_.getSourceManager().isInSystemHeader(decl->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(decl);
  }

  // Calls are met outermost first: session.exec(text(...).bind(...)) before the bind, the bind
  // before text(). What a call handled is not handled again as a part.
  bool VisitCallExpr(clang::CallExpr* call) {
    if (handled_.contains(call)) return true;
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (!callee) return true;
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
      const clang::CXXMethodDecl* method = member->getMethodDecl();
      if (method && named(method, "bind") && is_text_class(method->getParent())) {
        read_chain(call, /*complete=*/false);
        return true;
      }
      if (method && named(method, "exec_script") && in_sqlmodel_namespace(method) && call->getNumArgs() == 1) {
        if (const clang::StringLiteral* literal = literal_of(call->getArg(0))) add_script(call, literal);
        return true;
      }
    }
    if (is_text_function(callee)) {
      read_chain(call, /*complete=*/false);
      return true;
    }
    // A query handed straight to sqlmodel (session.exec, explain): nothing can bind it later.
    if (in_sqlmodel_namespace(callee))
      for (const clang::Expr* argument : call->arguments())
        if (is_text_type(argument->getType())) read_chain(argument, /*complete=*/true);
    return true;
  }

  bool VisitCXXConstructExpr(clang::CXXConstructExpr* construct) {
    if (handled_.contains(construct)) return true;
    if (is_text_type(construct->getType()) && construct->getNumArgs() == 1 && literal_of(construct->getArg(0)))
      read_chain(construct, /*complete=*/false);
    return true;
  }

 private:
  static bool is_text_function(const clang::FunctionDecl* function) {
    return named(function, "text") && in_sqlmodel_namespace(function) && is_text_type(function->getReturnType());
  }

  // text("...").bind("a", x).bind("b", y), read from the outside in.
  void read_chain(const clang::Expr* outer, bool complete) {
    std::vector<SqlTextUse::Binding> bindings;
    const clang::Expr* expression = outer;
    for (int step = 0; expression && step < 256; ++step) {
      expression = expression->IgnoreImplicit()->IgnoreParens();
      if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(expression)) {
        expression = temporary->getSubExpr();
        continue;
      }
      if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(expression)) {
        const clang::CXXMethodDecl* method = member->getMethodDecl();
        if (!method || !named(method, "bind") || !is_text_class(method->getParent()) || member->getNumArgs() < 1)
          return;
        handled_.insert(member);
        SqlTextUse::Binding binding;
        const clang::StringLiteral* name = literal_of(member->getArg(0));
        if (name) binding.name = name->getString().str();
        binding.location = member->getArg(0)->getBeginLoc();
        bindings.push_back(std::move(binding));
        expression = member->getImplicitObjectArgument();
        continue;
      }
      const clang::StringLiteral* literal = nullptr;
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(expression)) {
        if (!is_text_function(call->getDirectCallee()) || call->getNumArgs() != 1) return;
        handled_.insert(call);
        literal = literal_of(call->getArg(0));
      } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(expression)) {
        if (!is_text_type(construct->getType()) || construct->getNumArgs() != 1) return;
        handled_.insert(construct);
        literal = literal_of(construct->getArg(0));
      } else {
        return;  // a query kept in a variable: its own text() call is read where it is made
      }
      if (!literal) return;
      std::reverse(bindings.begin(), bindings.end());
      clang::QualType row = written_row_type(expression);
      if (row.isNull()) row = text_row_type(expression->getType());
      add_text(outer, row, literal, std::move(bindings), complete);
      return;
    }
  }

  void cover(const clang::Expr* call) {
    const clang::SourceManager& sources = ast_.getSourceManager();
    clang::SourceLocation begin = sources.getFileLoc(call->getBeginLoc());
    clang::SourceLocation end = sources.getFileLoc(call->getEndLoc());
    if (begin.isValid() && end.isValid()) reporter_.add_declaration({begin, end});
  }

  void add_text(const clang::Expr* call, clang::QualType row, const clang::StringLiteral* literal,
                std::vector<SqlTextUse::Binding> bindings, bool complete) {
    cover(call);
    SqlTextUse use;
    use.literal = literal;
    use.entry = "text()";
    use.reading = schema::read_sql_statement(literal->getString());
    use.takes_parameters = true;
    use.bindings = std::move(bindings);
    use.bindings_complete = complete;
    use.row = tuple_elements(row);
    if (!row.isNull()) {
      use.row_spelling = row.getAsString(ast_.getPrintingPolicy());
      if (!use.row) use.row_model = row->getAsCXXRecordDecl();
    }
    uses.push_back(std::move(use));
  }

  void add_script(const clang::Expr* call, const clang::StringLiteral* literal) {
    cover(call);
    llvm::StringRef script = literal->getString();
    std::vector<SqlTextUse> parts;
    bool defines_objects = false;
    for (const schema::SqlScriptStatement& statement : schema::split_sql_script({script.data(), script.size()})) {
      SqlTextUse use;
      use.literal = literal;
      use.entry = "exec_script()";
      use.offset = statement.offset;
      use.reading = schema::read_sql_statement(statement.text);
      if (use.reading.kind == schema::SqlStatementKind::other) defines_objects = true;
      parts.push_back(std::move(use));
    }
    for (SqlTextUse& use : parts) {
      use.names_unchecked = defines_objects;
      uses.push_back(std::move(use));
    }
  }

  clang::ASTContext& ast_;
  Reporter& reporter_;
  std::set<const clang::Expr*> handled_;
};

bool is_known_alias(const Reading& reading, const schema::SqlName& name) {
  for (const schema::SqlName& alias : reading.result_aliases)
    if (alias.matches(name.text) || name.matches(alias.text)) return true;
  return false;
}

// The sources a name in `scope` can see, innermost scope first.
std::vector<const Reading::Source*> visible_sources(const Reading& reading, std::size_t scope) {
  std::vector<const Reading::Source*> visible;
  std::optional<std::size_t> at = scope;
  for (int depth = 0; at && *at < reading.scopes.size() && depth < 128; ++depth) {
    for (const Reading::Source& source : reading.sources)
      if (source.scope == *at) visible.push_back(&source);
    at = reading.scopes[*at].parent;
  }
  return visible;
}

const FieldModel* find_column(const TableModel& table, const schema::SqlName& column) {
  for (const FieldModel& field : table.fields)
    if (column.matches(field.column.name)) return &field;
  return nullptr;
}

}  // namespace

clang::SourceLocation SqlTextUse::location(std::size_t at, const clang::ASTContext& ast) const {
  std::size_t byte = offset + at;
  if (!literal || byte > literal->getByteLength()) return literal ? literal->getBeginLoc() : clang::SourceLocation();
  clang::SourceLocation location = literal->getLocationOfByte(static_cast<unsigned>(byte), ast.getSourceManager(),
                                                              ast.getLangOpts(), ast.getTargetInfo());
  return location.isValid() ? location : literal->getBeginLoc();
}

std::vector<SqlTextUse> find_sql_texts(clang::ASTContext& ast, Reporter& reporter) {
  SqlTextFinder finder(ast, reporter);
  finder.TraverseDecl(ast.getTranslationUnitDecl());
  return std::move(finder.uses);
}

const TableModel* model_table(const ModelSet& models, const Reading::Source& source) {
  if (source.opaque()) return nullptr;
  if (source.schema && !source.schema->matches("public") && !source.schema->matches("main")) return nullptr;
  const TableModel* found = nullptr;
  for (const TableModel& table : models.tables) {
    if (!source.table->matches(table.name)) continue;
    if (found && found->name != table.name) return nullptr;  // "Users" and "users": the database decides
    found = &table;
  }
  if (found && models.is_ambiguous_table_name(found->name)) return nullptr;
  return found;
}

ColumnResolution resolve_column(const ModelSet& models, const Reading& reading,
                                const Reading::ColumnReference& reference) {
  ColumnResolution resolution;
  auto look_in = [&](const TableModel* table) {
    resolution.table = table;
    resolution.field = find_column(*table, reference.column);
    resolution.state = resolution.field ? ColumnResolution::State::found : ColumnResolution::State::missing;
    if (!resolution.field) resolution.candidates = {table};
    return resolution;
  };
  std::vector<const Reading::Source*> visible = visible_sources(reading, reference.scope);
  if (reference.target_column) {
    // INSERT INTO t (column) / UPDATE t SET column: the statement's own table, its scope's first.
    for (const Reading::Source* source : visible)
      if (source->scope == reference.scope) {
        const TableModel* table = model_table(models, *source);
        return table ? look_in(table) : resolution;
      }
    return resolution;
  }
  if (reference.qualifier) {
    for (const Reading::Source* source : visible) {
      bool named_so = source->alias ? reference.qualifier->matches(source->alias->text)
                                    : source->table && reference.qualifier->matches(source->table->text);
      if (!named_so) continue;
      const TableModel* table = model_table(models, *source);
      return table ? look_in(table) : resolution;
    }
    return resolution;  // a schema-qualified name, or an alias the database will report
  }
  if (is_known_alias(reading, reference.column)) return resolution;
  if (visible.empty()) return resolution;  // SELECT name: no table to say it is not in
  bool every_source_known = true;
  std::vector<const TableModel*> candidates;
  for (const Reading::Source* source : visible) {
    const TableModel* table = model_table(models, *source);
    if (!table) {
      every_source_known = false;
      continue;
    }
    if (const FieldModel* field = find_column(*table, reference.column)) {
      resolution.state = ColumnResolution::State::found;
      resolution.table = table;
      resolution.field = field;
      return resolution;
    }
    if (std::find(candidates.begin(), candidates.end(), table) == candidates.end()) candidates.push_back(table);
  }
  if (!every_source_known) return resolution;
  resolution.state = ColumnResolution::State::missing;
  resolution.candidates = std::move(candidates);
  return resolution;
}

}  // namespace sqlmodel::plugin
