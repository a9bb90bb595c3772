#include "annotation_values.hpp"

#include <algorithm>
#include <cmath>

#include "clang/AST/APValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace sqlmodel::plugin {
namespace {

constexpr long long unset_int = -2147483647LL - 1;  // sqlmodel::unset
constexpr llvm::StringLiteral prefix = "sqlmodel.";

// The option struct each annotation kind's macro passes (include/sqlmodel/annotations.hpp).
std::optional<std::string> option_struct_for(const std::string& kind) {
  static const std::pair<const char*, const char*> structs[] = {
      {"table", "sqlmodel::Table"},   {"model", "sqlmodel::Model"},   {"field", "sqlmodel::Field"},
      {"relationship", "sqlmodel::Relationship"}, {"index", "sqlmodel::Index"},
      {"unique", "sqlmodel::Unique"}, {"check", "sqlmodel::Check"}};
  for (const auto& [name, option_struct] : structs)
    if (kind == name) return std::string(option_struct);
  return std::nullopt;
}

// The text a `const char*` option points at: up to its terminating NUL. `embedded_nul` is set
// when characters follow a NUL inside the literal or array ("users\0x"): what C++ reads as
// the string would silently end there, so the option is refused instead.
std::optional<std::string> string_from_char_array(const clang::APValue& array, unsigned offset,
                                                  bool& embedded_nul) {
  if (!array.isArray()) return std::nullopt;
  std::string text;
  bool ended = false;
  for (unsigned i = offset; i < array.getArraySize(); ++i) {
    const clang::APValue& element = i < array.getArrayInitializedElts()
                                        ? array.getArrayInitializedElt(i)
                                        : array.getArrayFiller();
    if (!element.isInt()) return std::nullopt;
    char c = static_cast<char>(element.getInt().getExtValue());
    if (ended) {
      if (c != '\0') embedded_nul = true;
      continue;
    }
    if (c == '\0') ended = true;
    else text += c;
  }
  return text;
}

std::optional<std::string> string_from_literal(const clang::StringLiteral& literal, unsigned offset,
                                               bool& embedded_nul) {
  if (literal.getCharByteWidth() != 1) return std::nullopt;
  llvm::StringRef bytes = literal.getBytes();
  if (offset > bytes.size()) return std::nullopt;
  bytes = bytes.drop_front(offset);
  llvm::StringRef text = bytes.take_until([](char c) { return c == '\0'; });
  if (text.size() < bytes.size() && bytes.drop_front(text.size()).find_if([](char c) { return c != '\0'; }) != llvm::StringRef::npos)
    embedded_nul = true;
  return text.str();
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
  bool embedded_nul = false;
  if (const auto* expr = base.dyn_cast<const clang::Expr*>()) {
    if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(expr->IgnoreParens()))
      text = string_from_literal(*literal, offset, embedded_nul);
  } else if (const auto* decl = base.dyn_cast<const clang::ValueDecl*>()) {
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(decl)) {
      if (const clang::APValue* evaluated = var->getEvaluatedValue())
        text = string_from_char_array(*evaluated, offset, embedded_nul);
      else if (const auto* init = var->getInit())
        if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(init->IgnoreParenImpCasts()))
          text = string_from_literal(*literal, offset, embedded_nul);
    }
  }
  if (!text) {
    error = "must be a string literal or a constexpr character array";
    return false;
  }
  if (embedded_nul) {
    error = "holds a NUL byte (\\0) before its end: the name or SQL would be cut there";
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
  if (const auto* enum_type = type->getAs<clang::EnumType>()) {
    // static_cast<OnDelete>(99) is a constant of the enum's type with no enumerator: it would
    // read as whatever the plugin does with an unknown value (a default). Refused by value.
    const clang::EnumDecl* decl = enum_type->getDecl();
    const llvm::APSInt& number = value.getInt();
    bool known = llvm::any_of(decl->enumerators(), [&](const clang::EnumConstantDecl* enumerator) {
      return llvm::APSInt::isSameValue(enumerator->getInitVal(), number);
    });
    if (!known) {
      std::string names;
      for (const clang::EnumConstantDecl* enumerator : decl->enumerators())
        names += (names.empty() ? "" : ", ") + enumerator->getName().str();
      error = "is " + llvm::toString(number, 10) + ", which is not an enumerator of " +
              decl->getQualifiedNameAsString() + " (" + names + "; a cast from an integer?)";
      return false;
    }
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

clang::SourceLocation AnnotationValues::location_of(std::string_view name,
                                                    clang::SourceLocation fallback) const {
  auto it = written.find(name);
  return it == written.end() ? fallback : it->second.designator;
}

const OptionValue* AnnotationValues::find(std::string_view name) const {
  for (const auto& [member, value] : values)
    if (member == name) return &value;
  return nullptr;
}

std::optional<std::string> AnnotationValues::string(std::string_view name) const {
  const OptionValue* value = find(name);
  if (!value || value->kind != OptionValue::Kind::string) return std::nullopt;
  return value->string;
}

bool AnnotationValues::flag(std::string_view name) const {
  const OptionValue* value = find(name);
  return value && value->kind == OptionValue::Kind::boolean && value->boolean;
}

std::optional<bool> AnnotationValues::tristate(std::string_view name) const {
  std::optional<long long> value = integer(name);
  if (!value) return std::nullopt;
  return *value != 0;
}

std::optional<long long> AnnotationValues::integer(std::string_view name) const {
  const OptionValue* value = find(name);
  if (!value || value->kind != OptionValue::Kind::integer || value->integer == unset_int)
    return std::nullopt;
  return value->integer;
}

std::optional<double> AnnotationValues::bound(std::string_view name) const {
  const OptionValue* value = find(name);
  if (!value || value->kind != OptionValue::Kind::real || std::isnan(value->real))
    return std::nullopt;
  return value->real;
}

std::vector<std::string> AnnotationValues::strings(std::string_view name) const {
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
  // The macro passes ::sqlmodel::<Kind>{...}; anything else (a lambda, another struct) written
  // into the annotation by hand would read as a model with no options.
  if (std::optional<std::string> expected = option_struct_for(*kind);
      expected && record->getQualifiedNameAsString() != *expected) {
    error = "the annotation's argument is " + arg->getType().getAsString() + ", not the option struct " +
            *expected + " (write " + "SQLMODEL_" + llvm::StringRef(*kind).upper() + "(...))";
    return std::nullopt;
  }
  unsigned index = 0;
  result.values.reserve(value.getStructNumFields());
  for (const clang::FieldDecl* field : record->fields()) {
    if (index >= value.getStructNumFields()) break;
    OptionValue member;
    std::string member_error;
    if (!read_member(field->getType(), value.getStructField(index), member, member_error)) {
      error = "option '." + field->getName().str() + "' " + member_error;
      return std::nullopt;
    }
    // An empty name or SQL snippet is never what was meant (`.name = ""` is not "the
    // default": leave the option out for that). A comment may be empty. An empty
    // .discriminator or .polymorphic_identity is left to single-table-discriminator and
    // single-table-identity, whose errors say what the option means in the hierarchy (leaving
    // either out is no default there, but another error).
    const bool empty_string = member.kind == OptionValue::Kind::string && member.string.empty();
    const bool empty_element = member.kind == OptionValue::Kind::strings &&
                               std::find(member.strings.begin(), member.strings.end(), "") != member.strings.end();
    static constexpr llvm::StringLiteral may_be_empty[] = {"comment", "discriminator", "polymorphic_identity"};
    if ((empty_string || empty_element) && !llvm::is_contained(may_be_empty, field->getName())) {
      error = "option '." + field->getName().str() + "' " + (empty_string ? "is" : "lists") +
              " an empty string; leave the option out for its default";
      return std::nullopt;
    }
    result.values.emplace_back(std::string_view(field->getName()), std::move(member));
    ++index;
  }
  record_written_options(arg, context.getSourceManager(), result);
  return result;
}

}  // namespace sqlmodel::plugin
