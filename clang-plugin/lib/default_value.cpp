#include "default_value.hpp"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace sqlmodel::plugin {
namespace {

// Looks through the wrappers a class-type initializer brings (temporaries, conversions, the
// converting constructor of std::optional or std::string) to the expression the user wrote.
const clang::Expr* written_value(const clang::Expr* expr) {
  for (int depth = 0; expr && depth < 16; ++depth) {
    expr = expr->IgnoreImplicit()->IgnoreParens();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(expr)) {
      if (construct->getNumArgs() == 0) return nullptr;
      expr = construct->getArg(0);
    } else if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(expr)) {
      if (list->getNumInits() != 1) return list->getNumInits() == 0 ? nullptr : expr;
      expr = list->getInit(0);
    } else if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(expr)) {
      expr = cast->getSubExpr();
    } else if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(expr)) {
      expr = cleanups->getSubExpr();
    } else {
      return expr;
    }
  }
  return expr;
}

std::string number_json(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc{}) return {};
  return std::string(buffer, end);
}

}  // namespace

DefaultValue read_default_value(const clang::FieldDecl& field, const MemberType& type,
                                const clang::ASTContext& context) {
  DefaultValue result;
  if (type.kind != MemberType::Kind::column || !field.hasInClassInitializer()) return result;
  const clang::Expr* init = field.getInClassInitializer();
  if (!init || init->isValueDependent() || init->containsErrors()) return result;
  // A plain scalar member's initializer is its value, `= {}` included; a class type
  // (std::optional, std::string) wraps the value the user wrote.
  bool class_type = field.getType()->isRecordType();
  const clang::Expr* value = class_type ? written_value(init) : init;
  if (!value) return result;  // `= {}` or `= std::nullopt` on an optional: no value of its own
  if (value->getType()->isNullPtrType()) return result;
  if (const auto* nullopt = value->getType()->getAsCXXRecordDecl())
    if (nullopt->getName() == "nullopt_t") return result;

  schema::TypeKind kind = type.type.kind;
  if (kind == schema::TypeKind::string) {
    if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(value->IgnoreParenImpCasts()))
      if (literal->getCharByteWidth() == 1)
        result.json = nlohmann::json(literal->getString().str()).dump();
    return result;
  }
  bool scalar = kind == schema::TypeKind::boolean || kind == schema::TypeKind::int16 ||
                kind == schema::TypeKind::int32 || kind == schema::TypeKind::int64 ||
                kind == schema::TypeKind::float32 || kind == schema::TypeKind::float64 ||
                kind == schema::TypeKind::enumeration;
  if (!scalar) return result;
  clang::Expr::EvalResult evaluated;
  if (!value->EvaluateAsRValue(evaluated, context) || evaluated.HasSideEffects) return result;
  const clang::APValue& constant = evaluated.Val;
  if (kind == schema::TypeKind::enumeration) {
    if (!constant.isInt() || !type.enum_decl) return result;
    const llvm::APSInt& number = constant.getInt();
    for (const clang::EnumConstantDecl* enumerator : type.enum_decl->enumerators()) {
      if (llvm::APSInt::isSameValue(enumerator->getInitVal(), number)) {
        result.json = nlohmann::json(enumerator->getName().str()).dump();
        return result;
      }
    }
    result.non_enumerator_value = number.getExtValue();
    return result;
  }
  if (constant.isInt()) {
    const llvm::APSInt& number = constant.getInt();
    if (kind == schema::TypeKind::boolean) result.json = number.getBoolValue() ? "true" : "false";
    else result.json = number.isSigned() ? std::to_string(number.getExtValue()) : std::to_string(number.getZExtValue());
  } else if (constant.isFloat()) {
    llvm::APFloat real = constant.getFloat();
    bool lost = false;
    if (kind == schema::TypeKind::float32) {
      // The float's own shortest spelling (0.1, not 0.10000000149011612).
      real.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven, &lost);
      float narrow = real.convertToFloat();
      char buffer[64];
      auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, narrow);
      if (error == std::errc{} && std::isfinite(narrow)) result.json = std::string(buffer, end);
    } else {
      real.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &lost);
      std::string text = number_json(real.convertToDouble());
      if (!text.empty()) result.json = text;
    }
  }
  return result;
}

}  // namespace sqlmodel::plugin
