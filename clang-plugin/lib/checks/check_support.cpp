#include "check_support.hpp"

#include <cctype>
#include <set>

#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include "../resolution.hpp"

namespace sqlmodel::plugin {

std::optional<std::string> closest_name(const std::string& wrong,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  unsigned best_distance = 0;
  unsigned limit = std::max<unsigned>(2, static_cast<unsigned>(wrong.size() / 3));
  for (const std::string& candidate : candidates) {
    unsigned distance = llvm::StringRef(wrong).edit_distance(candidate, true, limit + 1);
    // Case-only differences are the likeliest typo of all.
    if (llvm::StringRef(wrong).equals_insensitive(candidate)) distance = 0;
    if (distance <= limit && (!best || distance < best_distance)) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::vector<std::string> column_names(const TableModel& table) {
  std::vector<std::string> names;
  for (const FieldModel& field : table.fields) names.push_back(field.column.name);
  return names;
}

const FieldModel* proposed_primary_key(const ModelSet& models, const TableModel& table) {
  if (const FieldModel* id = table.find_field("id")) return id;
  std::set<const FieldModel*> referenced;
  for (const TableModel& other : models.tables)
    for (const FieldModel& field : other.fields) {
      ResolvedForeignKey target = resolve_foreign_key(models, field);
      if (target.table == &table && target.column) referenced.insert(target.column);
    }
  return referenced.size() == 1 ? *referenced.begin() : nullptr;
}

bool has_unresolved_foreign_key(const ModelSet& models, const TableModel& table) {
  for (const FieldModel& field : table.fields)
    if (field.foreign_key && !resolve_foreign_key(models, field).column) return true;
  return false;
}

namespace {

// Adds `option` to a member's annotation `macro`, or puts one with it in front of the member.
std::optional<clang::FixItHint> add_member_option(const AnnotationValues& options,
                                                  const clang::FieldDecl* decl, const char* macro,
                                                  const std::string& option) {
  if (options.attr) {
    if (options.first_option.isInvalid()) return std::nullopt;  // SQLMODEL_FIELD()
    return clang::FixItHint::CreateInsertion(options.first_option, option + ", ");
  }
  if (!decl) return std::nullopt;
  clang::SourceLocation begin = decl->getBeginLoc();
  if (begin.isInvalid() || begin.isMacroID()) return std::nullopt;
  return clang::FixItHint::CreateInsertion(begin, std::string(macro) + "(" + option + ") ");
}

}  // namespace

std::optional<clang::FixItHint> add_field_option(const FieldModel& field, const std::string& option,
                                                 const clang::SourceManager&) {
  return add_member_option(field.options, field.decl, "SQLMODEL_FIELD", option);
}

std::optional<clang::FixItHint> add_relationship_option(const RelationshipModel& relationship,
                                                        const std::string& option) {
  return add_member_option(relationship.options, relationship.decl, "SQLMODEL_RELATIONSHIP", option);
}

std::optional<clang::FixItHint> add_annotation_option(const AnnotationValues& options,
                                                      const std::string& option) {
  if (!options.attr || options.first_option.isInvalid()) return std::nullopt;
  return clang::FixItHint::CreateInsertion(options.first_option, option + ", ");
}

std::optional<clang::FixItHint> replace_option_value(const AnnotationValues& options,
                                                     const std::string& option,
                                                     const std::string& replacement) {
  auto it = options.written.find(option);
  if (it == options.written.end() || it->second.value.isInvalid()) return std::nullopt;
  return clang::FixItHint::CreateReplacement(clang::CharSourceRange::getTokenRange(it->second.value),
                                             replacement);
}

std::vector<clang::FixItHint> wrap_in_optional(const FieldModel& field,
                                               const clang::SourceManager& sources,
                                               const clang::LangOptions& language) {
  if (!field.decl || !field.decl->getTypeSourceInfo()) return {};
  clang::SourceRange range = field.decl->getTypeSourceInfo()->getTypeLoc().getSourceRange();
  if (range.isInvalid() || range.getBegin().isMacroID() || range.getEnd().isMacroID()) return {};
  clang::SourceLocation end = clang::Lexer::getLocForEndOfToken(range.getEnd(), 0, sources, language);
  if (end.isInvalid()) return {};
  return {clang::FixItHint::CreateInsertion(range.getBegin(), "std::optional<"),
          clang::FixItHint::CreateInsertion(end, ">")};
}

std::vector<clang::FixItHint> unwrap_outer_optional(const FieldModel& field) {
  if (!field.decl || !field.decl->getTypeSourceInfo()) return {};
  clang::TypeLoc type = field.decl->getTypeSourceInfo()->getTypeLoc();
  clang::SourceLocation begin = type.getBeginLoc();  // with the `std::` qualifier
  if (auto elaborated = type.getAs<clang::ElaboratedTypeLoc>()) type = elaborated.getNamedTypeLoc();
  auto outer = type.getAs<clang::TemplateSpecializationTypeLoc>();
  if (!outer || outer.getNumArgs() != 1) return {};
  clang::TypeSourceInfo* inner = outer.getArgLoc(0).getTypeSourceInfo();
  if (!inner) return {};
  clang::SourceLocation inner_begin = inner->getTypeLoc().getBeginLoc();
  // The outer '>' by itself: in `>>` it shares a token with the inner one.
  clang::SourceLocation closing = outer.getRAngleLoc();
  for (clang::SourceLocation location : {begin, inner_begin, closing})
    if (location.isInvalid() || location.isMacroID()) return {};
  return {clang::FixItHint::CreateRemoval(clang::CharSourceRange::getCharRange(begin, inner_begin)),
          clang::FixItHint::CreateRemoval(
              clang::CharSourceRange::getCharRange(closing, closing.getLocWithOffset(1)))};
}

namespace {

// The TypeLoc of a member's value type: its declared type, or T of std::optional<T>.
std::optional<clang::TypeLoc> value_type_loc(const FieldModel& field) {
  if (!field.decl || !field.decl->getTypeSourceInfo()) return std::nullopt;
  clang::TypeLoc type = field.decl->getTypeSourceInfo()->getTypeLoc();
  if (!field.type.optional) return type;
  if (auto elaborated = type.getAs<clang::ElaboratedTypeLoc>()) type = elaborated.getNamedTypeLoc();
  auto optional = type.getAs<clang::TemplateSpecializationTypeLoc>();
  if (!optional || optional.getNumArgs() != 1) return std::nullopt;
  clang::TypeSourceInfo* inner = optional.getArgLoc(0).getTypeSourceInfo();
  if (!inner) return std::nullopt;
  return inner->getTypeLoc();
}

}  // namespace

std::vector<clang::FixItHint> retype_like(const FieldModel& field, const FieldModel& like,
                                          const clang::SourceManager& sources,
                                          const clang::LangOptions& language) {
  std::optional<clang::TypeLoc> mine = value_type_loc(field), theirs = value_type_loc(like);
  if (!mine || !theirs) return {};
  clang::SourceRange target = mine->getSourceRange(), source = theirs->getSourceRange();
  for (clang::SourceLocation location : {target.getBegin(), target.getEnd(), source.getBegin(), source.getEnd()})
    if (location.isInvalid() || location.isMacroID()) return {};
  bool invalid = false;
  llvm::StringRef spelling =
      clang::Lexer::getSourceText(clang::CharSourceRange::getTokenRange(source), sources, language, &invalid);
  if (invalid || spelling.empty()) return {};
  return {clang::FixItHint::CreateReplacement(clang::CharSourceRange::getTokenRange(target), spelling)};
}

namespace {

// Words of a SQL boolean expression that are not column names.
bool is_sql_word(const std::string& word) {
  static const std::set<std::string> words{
      "and", "or", "not", "null", "is", "in", "like", "ilike", "between", "true", "false",
      "case", "when", "then", "else", "end", "cast", "as", "escape", "similar", "to", "distinct",
      "from", "any", "all", "some", "exists", "collate", "glob", "regexp", "match", "isnull",
      "notnull", "current_date", "current_time", "current_timestamp", "localtime",
      "localtimestamp", "interval", "at", "time", "zone", "with", "without", "date", "timestamp",
      "integer", "int", "bigint", "smallint", "text", "varchar", "numeric", "real", "double",
      "precision", "boolean", "char", "character", "varying", "decimal", "float"};
  return words.count(llvm::StringRef(word).lower()) != 0;
}

}  // namespace

// The identifiers of a CHECK expression that name columns: everything outside string
// literals that is not a SQL word, a function call or a type after "::".
std::vector<ExpressionIdentifier> expression_identifiers(const std::string& expression) {
  std::vector<ExpressionIdentifier> identifiers;
  std::size_t i = 0, n = expression.size();
  bool after_cast = false;
  while (i < n) {
    char c = expression[i];
    if (c == '\'') {  // string literal, '' escapes a quote
      for (++i; i < n; ++i)
        if (expression[i] == '\'') {
          if (i + 1 < n && expression[i + 1] == '\'') ++i;
          else break;
        }
      ++i;
      after_cast = false;
    } else if (c == '"') {
      std::string name;
      for (++i; i < n; ++i) {
        if (expression[i] == '"') {
          if (i + 1 < n && expression[i + 1] == '"') {
            name += '"';
            ++i;
          } else {
            break;
          }
        } else {
          name += expression[i];
        }
      }
      ++i;
      identifiers.push_back({name, true});
      after_cast = false;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t start = i;
      while (i < n && (std::isalnum(static_cast<unsigned char>(expression[i])) || expression[i] == '_' || expression[i] == '$'))
        ++i;
      std::string word = expression.substr(start, i - start);
      std::size_t next = i;
      while (next < n && std::isspace(static_cast<unsigned char>(expression[next]))) ++next;
      bool call = next < n && expression[next] == '(';
      if (!call && !after_cast && !is_sql_word(word)) identifiers.push_back({word, false});
      after_cast = false;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < n && (std::isalnum(static_cast<unsigned char>(expression[i])) || expression[i] == '.')) ++i;
      after_cast = false;
    } else {
      after_cast = c == ':' && i + 1 < n && expression[i + 1] == ':';
      i += after_cast ? 2 : 1;
    }
  }
  return identifiers;
}

bool names_a_column(const TableModel& table, const ExpressionIdentifier& identifier) {
  if (table.find_field(identifier.name)) return true;
  if (identifier.quoted) return false;
  // Unquoted SQL identifiers fold case.
  for (const FieldModel& field : table.fields)
    if (llvm::StringRef(field.column.name).equals_insensitive(identifier.name)) return true;
  return false;
}

}  // namespace sqlmodel::plugin
