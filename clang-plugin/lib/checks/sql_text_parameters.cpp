#include <algorithm>
#include <set>

#include "checks.hpp"

namespace sqlmodel::plugin {

// text("... :email ...").bind("email", v): a value bound for a name the statement does not
// have is an error where it is bound; a :name without a value is an error at the parameter,
// when the query goes straight into a sqlmodel call (session.exec(...)) so nothing can bind
// it later. The runtime raises both, with the statement, when the query runs.
void check_sql_text_parameters(const CheckContext& context) {
  for (const SqlTextUse& use : context.sql_texts) {
    if (!use.takes_parameters || !use.reading.lexed) continue;
    std::vector<std::string> parameters;
    for (const auto& parameter : use.reading.parameters)
      if (std::find(parameters.begin(), parameters.end(), parameter.name) == parameters.end())
        parameters.push_back(parameter.name);
    std::set<std::string> bound;
    bool every_name_known = true;
    std::set<std::string> meant;  // parameters a misspelled binding was meant for
    for (const SqlTextUse::Binding& binding : use.bindings) {
      if (!binding.name) {
        every_name_known = false;
        continue;
      }
      bound.insert(*binding.name);
      if (std::find(parameters.begin(), parameters.end(), *binding.name) != parameters.end()) continue;
      std::optional<std::string> guess = closest_name(*binding.name, parameters);
      if (guess) meant.insert(*guess);
      std::string listed;
      for (const std::string& name : parameters) listed += (listed.empty() ? ":" : ", :") + name;
      {
        auto diagnostic = context.reporter.report(
            Check::sql_text_parameters, binding.location,
            "a value is bound for parameter " + quoted(":" + *binding.name) + ", which the " + use.entry +
                " statement does not have" +
                (guess ? "; did you mean " + quoted(*guess) + "?"
                       : " (its parameters: " + (listed.empty() ? std::string("none") : listed) + ")"));
        if (guess)
          diagnostic << clang::FixItHint::CreateReplacement(clang::CharSourceRange::getTokenRange(binding.location),
                                                            schema::cpp_string_literal(*guess));
      }
      context.reporter.note(use.literal->getBeginLoc(), "the statement is here");
    }
    if (!use.bindings_complete || !every_name_known) continue;
    std::set<std::string> reported;
    for (const auto& parameter : use.reading.parameters) {
      if (bound.contains(parameter.name) || meant.contains(parameter.name)) continue;
      if (!reported.insert(parameter.name).second) continue;
      context.reporter.report(Check::sql_text_parameters, use.location(parameter.offset, context.ast),
                              "no value is bound for parameter " + quoted(":" + parameter.name) + " of the " +
                                  use.entry + " statement; bind one with .bind(" + schema::cpp_string_literal(parameter.name) +
                                  ", value)");
    }
  }
}

}  // namespace sqlmodel::plugin
