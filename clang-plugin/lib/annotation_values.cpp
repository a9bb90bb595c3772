#include "annotation_values.hpp"

#include <cmath>

#include "clang/AST/APValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace sqlmodel::plugin {
namespace {

constexpr long long unset_int = -2147483647LL - 1;  // sqlmodel::unset
constexpr llvm::StringLiteral prefix = "sqlmodel.";

// A C string from a character array value (a constexpr char[] variable).
std::optional<std::string> string_from_char_array(const clang::APValue& array, unsigned offset) {
  if (!array.isArray()) return std::nullopt;
  std::string text;
  for (unsigned i = offset; i < array.getArraySize(); ++i) {
    const clang::APValue& element = i < array.getArrayInitializedElts()
                                        ? array.getArrayInitializedElt(i)
                                        : array.getArrayFiller();
    if (!element.isInt()) return std::nullopt;
    char c = static_cast<char>(element.getInt().getExtValue());
    if (c == '\0') return text;
    text += c;
  }
  return text;
}

std::optional<std::string> string_from_literal(const clang::StringLiteral& literal,
                                               unsigned offset) {
  if (literal.getCharByteWidth() != 1) return std::nullopt;
  llvm::StringRef bytes = literal.getBytes();
  if (offset > bytes.size()) return std::nullopt;
  bytes = bytes.drop_front(offset);
  return bytes.take_until([](char c) { return c == '\0'; }).str();
}

// A `const char*` option: nullptr, a string literal, or a constexpr character array.
bool read_string(const clang::APValue& value, OptionValue& out, std::string& error) {
  if (!value.isLValue()) {
    error = "is not a string literal";
    return false;
  }
  if (value.isNullPointer() || (!value.getLValueBase() && value.getLValueOffset().isZero())) {
    out.kind = OptionValue::Kind::null;
    return true;
  }
  auto offset = static_cast<unsigned>(value.getLValueOffset().getQuantity());
  clang::APValue::LValueBase base = value.getLValueBase();
  std::optional<std::string> text;
  if (const auto* expr = base.dyn_cast<const clang::Expr*>()) {
    if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(expr->IgnoreParens()))
      text = string_from_literal(*literal, offset);
  } else if (const auto* decl = base.dyn_cast<const clang::ValueDecl*>()) {
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(decl)) {
      if (const clang::APValue* evaluated = var->getEvaluatedValue())
        text = string_from_char_array(*evaluated, offset);
      else if (const auto* init = var->getInit())
        if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(init->IgnoreParenImpCasts()))
          text = string_from_literal(*literal, offset);
    }
  }
  if (!text) {
    error = "must be a string literal or a constexpr character array";
    return false;
  }
  out.kind = OptionValue::Kind::string;
  out.string = std::move(*text);
  return true;
}

bool read_member(const clang::QualType type, const clang::APValue& value, OptionValue& out,
                 std::string& error) {
  if (type->isConstantArrayType()) {
    if (!value.isArray()) {
      error = "is not an array";
      return false;
    }
    out.kind = OptionValue::Kind::strings;
    for (unsigned i = 0; i < value.getArraySize(); ++i) {
      const clang::APValue& element = i < value.getArrayInitializedElts()
                                          ? value.getArrayInitializedElt(i)
                                          : value.getArrayFiller();
      OptionValue item;
      if (!read_string(element, item, error)) return false;
      // A null entry ends the list: columns = {"a", "b"} leaves the rest null.
      if (item.kind == OptionValue::Kind::null) break;
      out.strings.push_back(std::move(item.string));
    }
    return true;
  }
  if (type->isPointerType()) return read_string(value, out, error);
  if (type->isFloatingType()) {
    if (!value.isFloat()) {
      error = "is not a floating-point constant";
      return false;
    }
    out.kind = OptionValue::Kind::real;
    bool lost = false;
    llvm::APFloat real = value.getFloat();
    real.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &lost);
    out.real = real.convertToDouble();
    return true;
  }
  if (!value.isInt()) {
    error = "is not an integer constant";
    return false;
  }
  if (type->isBooleanType()) {
    out.kind = OptionValue::Kind::boolean;
    out.boolean = value.getInt().getBoolValue();
  } else {
    out.kind = OptionValue::Kind::integer;
    out.integer = value.getInt().getExtValue();
  }
  return true;
}

const clang::InitListExpr* written_init_list(const clang::Expr* expr) {
  while (expr) {
    expr = expr->IgnoreParenImpCasts();
    if (const auto* constant = llvm::dyn_cast<clang::ConstantExpr>(expr)) {
      expr = constant->getSubExpr();
    } else if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(expr)) {
      expr = cast->getSubExpr();
    } else if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(expr)) {
      expr = temporary->getSubExpr();
    } else if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(expr)) {
      const clang::InitListExpr* syntactic = list->getSyntacticForm();
      return syntactic ? syntactic : list;
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

void record_written_options(const clang::Expr* arg, const clang::SourceManager& sources,
                            AnnotationValues& result) {
  const clang::InitListExpr* list = written_init_list(arg);
  if (!list) return;
  for (const clang::Expr* init : list->inits()) {
    const auto* designated = llvm::dyn_cast_or_null<clang::DesignatedInitExpr>(init);
    if (!designated || designated->size() == 0) continue;
    const clang::DesignatedInitExpr::Designator* designator = designated->getDesignator(0);
    if (!designator->isFieldDesignator()) continue;
    const clang::IdentifierInfo* name = designator->getFieldName();
    if (!name) continue;
    clang::SourceLocation dot = sources.getFileLoc(designated->getBeginLoc());
    clang::SourceRange value{sources.getFileLoc(designated->getInit()->getBeginLoc()),
                             sources.getFileLoc(designated->getInit()->getEndLoc())};
    result.written[name->getName().str()] = {dot, value};
    if (result.first_option.isInvalid()) result.first_option = dot;
  }
}

}  // namespace

clang::SourceLocation AnnotationValues::location_of(const std::string& name,
                                                    clang::SourceLocation fallback) const {
  auto it = written.find(name);
  return it == written.end() ? fallback : it->second.designator;
}

const OptionValue* AnnotationValues::find(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

std::optional<std::string> AnnotationValues::string(const std::string& name) const {
  const OptionValue* value = find(name);
  if (!value || value->kind != OptionValue::Kind::string) return std::nullopt;
  return value->string;
}

bool AnnotationValues::flag(const std::string& name) const {
  const OptionValue* value = find(name);
  return value && value->kind == OptionValue::Kind::boolean && value->boolean;
}

std::optional<bool> AnnotationValues::tristate(const std::string& name) const {
  std::optional<long long> value = integer(name);
  if (!value) return std::nullopt;
  return *value != 0;
}

std::optional<long long> AnnotationValues::integer(const std::string& name) const {
  const OptionValue* value = find(name);
  if (!value || value->kind != OptionValue::Kind::integer || value->integer == unset_int)
    return std::nullopt;
  return value->integer;
}

std::optional<double> AnnotationValues::bound(const std::string& name) const {
  const OptionValue* value = find(name);
  if (!value || value->kind != OptionValue::Kind::real || std::isnan(value->real))
    return std::nullopt;
  return value->real;
}

std::vector<std::string> AnnotationValues::strings(const std::string& name) const {
  const OptionValue* value = find(name);
  if (!value || value->kind != OptionValue::Kind::strings) return {};
  return value->strings;
}

std::optional<std::string> sqlmodel_annotation_kind(const clang::AnnotateAttr& attr) {
  llvm::StringRef annotation = attr.getAnnotation();
  if (!annotation.starts_with(prefix)) return std::nullopt;
  return annotation.drop_front(prefix.size()).str();
}

std::optional<AnnotationValues> read_annotation(const clang::AnnotateAttr& attr,
                                                const clang::ASTContext& context,
                                                std::string& error) {
  std::optional<std::string> kind = sqlmodel_annotation_kind(attr);
  if (!kind) {
    error = "not a sqlmodel annotation";
    return std::nullopt;
  }
  AnnotationValues result;
  result.kind = *kind;
  result.attr = &attr;
  if (attr.args_size() != 1) {
    error = "expects exactly one option struct, got " + std::to_string(attr.args_size()) +
            " arguments";
    return std::nullopt;
  }
  const clang::Expr* arg = *attr.args_begin();
  const auto* constant = llvm::dyn_cast_or_null<clang::ConstantExpr>(arg);
  if (!constant || !constant->hasAPValueResult()) {
    error = "options are not a constant expression";
    return std::nullopt;
  }
  clang::APValue value = constant->getAPValueResult();
  const clang::RecordDecl* record = arg->getType()->getAsRecordDecl();
  if (!record || !value.isStruct() || value.getStructNumBases() != 0) {
    error = "options are not a sqlmodel option struct";
    return std::nullopt;
  }
  unsigned index = 0;
  for (const clang::FieldDecl* field : record->fields()) {
    if (index >= value.getStructNumFields()) break;
    OptionValue member;
    std::string member_error;
    if (!read_member(field->getType(), value.getStructField(index), member, member_error)) {
      error = "option '." + field->getName().str() + "' " + member_error;
      return std::nullopt;
    }
    result.values[field->getName().str()] = std::move(member);
    ++index;
  }
  record_written_options(arg, context.getSourceManager(), result);
  return result;
}

}  // namespace sqlmodel::plugin
