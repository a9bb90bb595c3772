// What every check needs: the models, the reporter, and helpers for "did you mean" and
// fix-its that edit annotations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"

#include "../model.hpp"
#include "../reporter.hpp"
#include "../sql_text.hpp"
#include "schema/cpp_string_literal.hpp"

namespace sqlmodel::plugin {

struct CheckContext {
  const ModelSet& models;
  Reporter& reporter;
  clang::ASTContext& ast;
  // The SQL written by hand in text() / exec_script() literals (sql_text.hpp).
  const std::vector<SqlTextUse>& sql_texts;

  const clang::SourceManager& sources() const { return ast.getSourceManager(); }
};

// The candidate closest to `wrong` by edit distance, when it is close enough to be a typo.
std::optional<std::string> closest_name(const std::string& wrong,
                                        const std::vector<std::string>& candidates);

std::vector<std::string> column_names(const TableModel& table);

// The column primary-key's fix-it marks in a table without a primary key: `id`, else the one
// column other tables' foreign keys refer to. Checks of what a missing key causes (a foreign
// key to a column that is not unique) stay quiet about it.
const FieldModel* proposed_primary_key(const ModelSet& models, const TableModel& table);

// Whether a foreign key of `table` does not resolve (foreign-key-target reports it): checks
// that follow foreign keys between tables stay quiet about such a table rather than report
// what the mistyped key causes.
bool has_unresolved_foreign_key(const ModelSet& models, const TableModel& table);

// Adds `option` (".index = true") to a field's SQLMODEL_FIELD, or puts a SQLMODEL_FIELD with
// it in front of an unannotated member. nullopt when there is no safe place to edit.
std::optional<clang::FixItHint> add_field_option(const FieldModel& field, const std::string& option,
                                                 const clang::SourceManager& sources);

// The same for a relationship's SQLMODEL_RELATIONSHIP.
std::optional<clang::FixItHint> add_relationship_option(const RelationshipModel& relationship,
                                                        const std::string& option);

// Adds `option` (".discriminator = \"type\"") in front of the options of an annotation that
// has some. nullopt for an empty one (SQLMODEL_TABLE()), where there is no safe place.
std::optional<clang::FixItHint> add_annotation_option(const AnnotationValues& options,
                                                      const std::string& option);

// Replaces the value written for `option` with `replacement` (already spelled as C++).
std::optional<clang::FixItHint> replace_option_value(const AnnotationValues& options,
                                                     const std::string& option,
                                                     const std::string& replacement);

// Turns `T member` into `std::optional<T> member`.
std::vector<clang::FixItHint> wrap_in_optional(const FieldModel& field,
                                               const clang::SourceManager& sources,
                                               const clang::LangOptions& language);

// Turns `std::optional<std::optional<T>> member` into `std::optional<T> member` (the
// outer std::optional removed, as written). Empty when the type is not spelled that way.
std::vector<clang::FixItHint> unwrap_outer_optional(const FieldModel& field);

// Turns the value type of `field` (inside std::optional, if it is one) into the value type of
// `like` as `like` spells it: `std::int32_t team_id` -> `std::int64_t team_id`. Empty when either
// type is not written plainly in the source (a macro, ...).
std::vector<clang::FixItHint> retype_like(const FieldModel& field, const FieldModel& like,
                                          const clang::SourceManager& sources,
                                          const clang::LangOptions& language);

// An identifier of a SQL expression (a CHECK, a partial index's predicate, a generated
// column's expression) that names a column: everything outside string literals that is not a
// SQL word, a function call or a type after "::".
struct ExpressionIdentifier {
  std::string name;
  bool quoted = false;
};
std::vector<ExpressionIdentifier> expression_identifiers(const std::string& expression);
// True when the identifier is a column of the table (unquoted ones fold case, as SQL does).
bool names_a_column(const TableModel& table, const ExpressionIdentifier& identifier);

template <typename Hints>
void attach(clang::DiagnosticBuilder& builder, const Hints& hints) {
  for (const clang::FixItHint& hint : hints) builder << hint;
}
inline void attach(clang::DiagnosticBuilder& builder, const std::optional<clang::FixItHint>& hint) {
  if (hint) builder << *hint;
}

}  // namespace sqlmodel::plugin
