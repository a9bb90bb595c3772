#include "type_mapping.hpp"

#include <initializer_list>

#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"

namespace sqlmodel::plugin {
namespace {

using schema::TypeKind;

// Inline namespaces and `extern "C++" { }` blocks (libstdc++ declares std::byte in one) do
// not count as a level of the name.
const clang::DeclContext* skip_transparent(const clang::DeclContext* context) {
  while (context && (context->isInlineNamespace() || llvm::isa<clang::LinkageSpecDecl>(context)))
    context = context->getParent();
  return context;
}

// True when `decl` is named `path.back()` inside the namespaces path[0..n-1], looking through
// inline namespaces (std::__cxx11, std::chrono::_V2, nlohmann::json_abi_v3_11_2).
bool has_qualified_name(const clang::NamedDecl* decl, std::initializer_list<llvm::StringRef> path) {
  if (!decl || path.size() == 0) return false;
  const llvm::StringRef* part = path.end() - 1;
  const clang::IdentifierInfo* identifier = decl->getIdentifier();
  if (!identifier || identifier->getName() != *part) return false;
  const clang::DeclContext* context = decl->getDeclContext();
  while (part != path.begin()) {
    --part;
    context = skip_transparent(context);
    const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(context);
    if (!ns || ns->getName() != *part) return false;
    context = ns->getParent();
  }
  context = skip_transparent(context);
  return context && context->isTranslationUnit();
}

// The template arguments of `type` when it is a specialization of the named class template.
const clang::TemplateArgumentList* specialization_args(clang::QualType type,
                                                       std::initializer_list<llvm::StringRef> path) {
  const auto* record = type->getAsCXXRecordDecl();
  const auto* specialization = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  if (!specialization) return nullptr;
  if (!has_qualified_name(specialization->getSpecializedTemplate(), path)) return nullptr;
  return &specialization->getTemplateArgs();
}

clang::QualType first_type_arg(const clang::TemplateArgumentList& args) {
  if (args.size() == 0 || args[0].getKind() != clang::TemplateArgument::Type) return {};
  return args[0].getAsType().getCanonicalType();
}

bool is_record(clang::QualType type, std::initializer_list<llvm::StringRef> path) {
  const auto* record = type->getAsCXXRecordDecl();
  return record && has_qualified_name(record, path);
}

MemberType column(TypeKind kind) {
  MemberType result;
  result.kind = MemberType::Kind::column;
  result.type.kind = kind;
  if (kind == TypeKind::datetime) result.type.with_timezone = true;
  return result;
}

MemberType unsupported(std::string reason) {
  MemberType result;
  result.kind = MemberType::Kind::unsupported;
  result.reason = std::move(reason);
  return result;
}

MemberType map_builtin(const clang::BuiltinType& builtin, clang::QualType type,
                       const clang::ASTContext& context) {
  switch (builtin.getKind()) {
    case clang::BuiltinType::Bool:
      return column(TypeKind::boolean);
    case clang::BuiltinType::Float:
      return column(TypeKind::float32);
    case clang::BuiltinType::Double:
      return column(TypeKind::float64);
    case clang::BuiltinType::Char_S:
    case clang::BuiltinType::Char_U:
      return unsupported("'char' is a character, not a number: use std::int8_t, or std::string for text");
    case clang::BuiltinType::WChar_S:
    case clang::BuiltinType::WChar_U:
    case clang::BuiltinType::Char8:
    case clang::BuiltinType::Char16:
    case clang::BuiltinType::Char32:
      return unsupported("character types are not columns: use std::string");
    default:
      break;
  }
  if (!builtin.isInteger()) return unsupported("this built-in type has no SQL column type");
  uint64_t bits = context.getTypeSize(type);
  bool is_signed = builtin.isSignedInteger();
  // The smallest SQL integer that holds every value of the C++ type.
  uint64_t needed = is_signed ? bits : bits + 1;
  if (needed <= 16) return column(TypeKind::int16);
  if (needed <= 32) return column(TypeKind::int32);
  if (needed <= 64) return column(TypeKind::int64);
  return unsupported(is_signed ? "integers wider than 64 bits have no SQL column type"
                               : "unsigned 64-bit values do not fit a SQL BIGINT: use std::int64_t");
}

// A column type without std::optional around it.
MemberType map_value_type(clang::QualType type, const clang::ASTContext& context, bool in_array);

// The integer value of a template argument (std::ratio's numerator and denominator).
std::optional<llvm::APSInt> integral_arg(const clang::TemplateArgumentList& args, unsigned index) {
  if (args.size() <= index || args[index].getKind() != clang::TemplateArgument::Integral) return std::nullopt;
  return args[index].getAsIntegral();
}

// std::chrono::duration<Rep, Period>: an interval, kept to the microsecond as PostgreSQL's
// INTERVAL and SQLAlchemy's Interval keep it.
MemberType map_duration(const clang::TemplateArgumentList& args) {
  clang::QualType rep = first_type_arg(args);
  if (rep.isNull() || !(rep->isIntegerType() || rep->isRealFloatingType()) || rep->isBooleanType() ||
      rep->isEnumeralType())
    return unsupported("a std::chrono::duration column needs an integer or floating-point count");
  if (args.size() < 2 || args[1].getKind() != clang::TemplateArgument::Type)
    return unsupported("std::chrono::duration without a period");
  const auto* ratio = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      args[1].getAsType()->getAsCXXRecordDecl());
  std::optional<llvm::APSInt> numerator, denominator;
  if (ratio && has_qualified_name(ratio->getSpecializedTemplate(), {"std", "ratio"})) {
    numerator = integral_arg(ratio->getTemplateArgs(), 0);
    denominator = integral_arg(ratio->getTemplateArgs(), 1);
  }
  if (!numerator || !denominator || denominator->isZero())
    return unsupported("the duration's period is not a std::ratio");
  // Finer than a microsecond: numerator / denominator < 1 / 1'000'000 (std::ratio keeps both
  // positive and within intmax_t).
  if (!numerator->isStrictlyPositive() || !denominator->isStrictlyPositive())
    return unsupported("the duration's period must be positive");
  const __int128 scaled = static_cast<__int128>(numerator->getExtValue()) * 1'000'000;
  if (rep->isIntegerType() && scaled < static_cast<__int128>(denominator->getExtValue()))
    return unsupported("a duration finer than a microsecond loses its digits: PostgreSQL's INTERVAL "
                       "(and SQLAlchemy's Interval) keep microseconds; use std::chrono::microseconds "
                       "or a coarser duration");
  return column(TypeKind::interval);
}

// A plain struct stored as one JSON value (SQLModel's `steps: list[Step]` with a JSON column):
// an aggregate of public members, not a model, not a template, not the standard library's.
MemberType map_json_struct(const clang::CXXRecordDecl& record) {
  const clang::CXXRecordDecl* definition = record.getDefinition();
  std::string name = "'" + record.getQualifiedNameAsString() + "'";
  if (!definition) return unsupported(name + " is incomplete here; its definition must come first");
  if (definition->isUnion()) return unsupported("unions have no JSON form");
  if (definition->isLambda()) return unsupported("lambdas are not columns");
  for (const clang::DeclContext* context = definition->getDeclContext(); context; context = context->getParent())
    if (const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(context))
      if (!ns->getParent() || ns->getParent()->isTranslationUnit())
        if (ns->getName() == "std" || ns->getName() == "sqlmodel" || ns->getName() == "nlohmann")
          return unsupported(name + " has no SQL column type");
  if (llvm::isa<clang::ClassTemplateSpecializationDecl>(definition) || definition->getDescribedClassTemplate())
    return unsupported(name + " is a class template specialization; a typed JSON column's struct "
                              "must be a plain struct (name one with a using-declaration of a struct "
                              "deriving from it)");
  if (definition->getName().empty()) return unsupported("an anonymous struct has no name to generate its JSON form by");
  for (const clang::Decl* redecl : definition->redecls())
    for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>())
      if (attr->getAnnotation().starts_with("sqlmodel."))
        return unsupported(name + " is a model: a table is reached through sqlmodel::Related<T> or "
                                  "sqlmodel::RelatedList<T>, a mirror model is not stored");
  if (!definition->isAggregate())
    return unsupported(name + " is not a plain struct (an aggregate: public members, no constructors, "
                              "no virtual functions), so it cannot be stored as a JSON column");
  MemberType result = column(TypeKind::json);
  result.json_struct = definition;
  return result;
}

MemberType map_vector(const clang::TemplateArgumentList& args, const clang::ASTContext& context) {
  clang::QualType element = first_type_arg(args);
  if (element.isNull()) return unsupported("std::vector without an element type");
  if (const auto* enum_type = element->getAs<clang::EnumType>())
    if (has_qualified_name(enum_type->getDecl(), {"std", "byte"})) return column(TypeKind::blob);
  // Bytes, as the runtime's codec binds them (value_codec.hpp), not an array of small integers.
  if (element->isSpecificBuiltinType(clang::BuiltinType::UChar)) return column(TypeKind::blob);
  // A list of plain structs is one JSON array, not a SQL array.
  if (const auto* record = element->getAsCXXRecordDecl(); record && !specialization_args(element, {"std", "basic_string"})) {
    MemberType mapped = map_value_type(element, context, /*in_array=*/true);
    if (mapped.kind == MemberType::Kind::column && mapped.json_struct) return mapped;
  }
  MemberType mapped = map_value_type(element, context, /*in_array=*/true);
  if (mapped.kind != MemberType::Kind::column) {
    if (mapped.kind == MemberType::Kind::unsupported)
      mapped.reason = "std::vector element: " + mapped.reason;
    return mapped;
  }
  MemberType result = mapped;
  result.type.element_kind = mapped.type.kind;
  result.type.kind = TypeKind::array;
  return result;
}

MemberType map_value_type(clang::QualType type, const clang::ASTContext& context, bool in_array) {
  type = type.getCanonicalType();
  if (type->isReferenceType()) return unsupported("references are not columns");
  if (type->isPointerType() || type->isMemberPointerType())
    return unsupported("pointers are not columns: use std::optional<T> for a nullable value");
  if (type->isArrayType()) return unsupported("C arrays are not columns: use std::vector<T>");
  if (const auto* builtin = type->getAs<clang::BuiltinType>()) {
    return map_builtin(*builtin, type, context);
  }
  if (const auto* enum_type = type->getAs<clang::EnumType>()) {
    const clang::EnumDecl* decl = enum_type->getDecl();
    if (decl->getName().empty()) return unsupported("anonymous enums have no name for the SQL enum");
    if (!decl->isScoped())
      return unsupported("unscoped enum '" + decl->getNameAsString() +
                         "': use an enum class (its enumerators become the SQL enum's values)");
    MemberType result = column(TypeKind::enumeration);
    result.type.enum_name = schema_enum_name(*decl);
    result.enum_decl = decl;
    return result;
  }
  if (type->isRecordType()) {
    const auto* record = type->getAsCXXRecordDecl();
    if (!record) return unsupported("only C++ class types map to columns");
    if (is_record(type, {"std", "basic_string"})) {
      const auto* args = specialization_args(type, {"std", "basic_string"});
      clang::QualType char_type = args ? first_type_arg(*args) : clang::QualType{};
      if (!char_type.isNull() && char_type->isSpecificBuiltinType(clang::BuiltinType::Char_S))
        return column(TypeKind::string);
      if (!char_type.isNull() && char_type->isSpecificBuiltinType(clang::BuiltinType::Char_U))
        return column(TypeKind::string);
      return unsupported("only std::string (of char) is a text column");
    }
    if (is_record(type, {"std", "basic_string_view"}))
      return unsupported("std::string_view does not own its characters: use std::string");
    if (const auto* args = specialization_args(type, {"std", "chrono", "time_point"})) {
      clang::QualType clock = first_type_arg(*args);
      if (!clock.isNull() && is_record(clock, {"std", "chrono", "system_clock"}))
        return column(TypeKind::datetime);
      return unsupported("only std::chrono::system_clock::time_point is a timestamp column");
    }
    if (is_record(type, {"std", "chrono", "year_month_day"})) return column(TypeKind::date);
    if (const auto* args = specialization_args(type, {"std", "chrono", "duration"})) {
      if (in_array) return unsupported("arrays of durations are not columns");
      return map_duration(*args);
    }
    if (is_record(type, {"nlohmann", "basic_json"})) {
      if (in_array) return unsupported("JSON values cannot be array elements: use one JSON column");
      return column(TypeKind::json);
    }
    if (is_record(type, {"sqlmodel", "UUID"})) return column(TypeKind::uuid);
    if (is_record(type, {"sqlmodel", "Decimal"})) return column(TypeKind::numeric);
    if (is_record(type, {"std", "optional"}))
      return unsupported(in_array ? "array elements cannot be std::optional"
                                  : "std::optional<std::optional<T>> is ambiguous in a table: only a "
                                    "partial mirror model's field nests them (unset vs. NULL)");
    if (const auto* args = specialization_args(type, {"std", "vector"})) {
      if (in_array) return unsupported("arrays of arrays are not columns");
      return map_vector(*args, context);
    }
    if (is_record(type, {"sqlmodel", "Related"}) || is_record(type, {"sqlmodel", "RelatedList"}))
      return unsupported("relationships cannot be wrapped in other types");
    return map_json_struct(*record);
  }
  return unsupported("this type has no SQL column type");
}

}  // namespace

MemberType classify_member_type(clang::QualType type, const clang::ASTContext& context) {
  type = type.getCanonicalType();
  for (auto [path, to_many] : {std::pair{"Related", false}, std::pair{"RelatedList", true}}) {
    if (const auto* args = specialization_args(type, {"sqlmodel", path})) {
      clang::QualType target = first_type_arg(*args);
      MemberType result;
      result.kind = MemberType::Kind::relationship;
      result.to_many = to_many;
      result.target = target.isNull() ? nullptr : target->getAsCXXRecordDecl();
      if (!result.target) return unsupported("a relationship's target must be a model struct");
      return result;
    }
  }
  if (const auto* args = specialization_args(type, {"std", "optional"})) {
    clang::QualType inner = first_type_arg(*args);
    if (inner.isNull()) return unsupported("std::optional without a value type");
    MemberType result = map_value_type(inner, context, /*in_array=*/false);
    if (result.kind == MemberType::Kind::column) result.optional = true;
    else if (result.kind == MemberType::Kind::unsupported)
      result.reason = "std::optional value type: " + result.reason;
    return result;
  }
  return map_value_type(type, context, /*in_array=*/false);
}

MemberType classify_mirror_member_type(clang::QualType type, const clang::ASTContext& context) {
  type = type.getCanonicalType();
  if (const auto* args = specialization_args(type, {"std", "optional"})) {
    clang::QualType inner = first_type_arg(*args);
    if (!inner.isNull() && is_record(inner, {"std", "optional"})) {
      MemberType result = classify_member_type(inner, context);
      if (result.kind == MemberType::Kind::column) result.nested_optional = true;
      return result;
    }
  }
  return classify_member_type(type, context);
}

std::vector<JsonStructMember> json_struct_members(const clang::CXXRecordDecl& record,
                                                  const clang::ASTContext& context) {
  std::vector<JsonStructMember> members;
  const clang::CXXRecordDecl* definition = record.getDefinition();
  if (!definition) return members;
  for (const clang::CXXBaseSpecifier& base : definition->bases())
    if (const clang::CXXRecordDecl* base_record = base.getType()->getAsCXXRecordDecl())
      for (JsonStructMember& member : json_struct_members(*base_record, context))
        members.push_back(std::move(member));
  for (const clang::FieldDecl* field : definition->fields()) {
    JsonStructMember member;
    member.decl = field;
    if (field->isBitField())
      member.type = unsupported("a bit-field has no address to read or write it through");
    else if (field->getName().empty())
      member.type = unsupported("an unnamed member has no JSON key");
    else
      member.type = classify_member_type(field->getType(), context);
    if (member.type.kind == MemberType::Kind::relationship)
      member.type = unsupported("a relationship cannot be stored inside a JSON value");
    members.push_back(std::move(member));
  }
  return members;
}

const char* supported_types_note() {
  return "supported column types: bool, std::int8_t .. std::int64_t, std::uint8_t .. "
         "std::uint32_t, float, double, std::string, std::chrono::system_clock::time_point, "
         "std::chrono::year_month_day, std::chrono::duration (microseconds or coarser), enum "
         "class, nlohmann::json, std::vector<std::byte> (or std::vector<std::uint8_t>), "
         "sqlmodel::UUID, sqlmodel::Decimal, std::vector<T> of those scalars, a plain struct or "
         "a std::vector of them (stored as JSON), and std::optional<T> of any of them; "
         "relationships are sqlmodel::Related<T> and sqlmodel::RelatedList<T>";
}

std::string schema_enum_name(const clang::EnumDecl& decl) {
  return llvm::StringRef(decl.getName()).lower();
}

}  // namespace sqlmodel::plugin
