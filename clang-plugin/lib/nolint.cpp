#include "nolint.hpp"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

namespace sqlmodel::plugin {

void NolintComments::add_declaration(clang::SourceRange range) {
  if (range.isInvalid()) return;
  clang::SourceLocation begin = sources_.getFileLoc(range.getBegin());
  clang::SourceLocation end = sources_.getFileLoc(range.getEnd());
  clang::FileID file = sources_.getFileID(begin);
  if (file != sources_.getFileID(end)) return;
  unsigned first = sources_.getSpellingLineNumber(begin), last = sources_.getSpellingLineNumber(end);
  if (first == 0 || last < first) return;
  declarations_[file].push_back({first, last});
}

bool NolintComments::names(const Directive& directive, Check check) {
  std::string name = tagged_name(check);
  bool named = false;
  llvm::StringRef rest(directive.checks);
  while (!rest.empty()) {
    auto [glob, tail] = rest.split(',');
    rest = tail;
    glob = glob.trim();
    if (glob.empty()) continue;
    bool exclude = glob.consume_front("-");
    if (glob_matches(glob.trim(), name)) named = !exclude;
  }
  return named;
}

const std::vector<NolintComments::Directive>& NolintComments::directives(clang::FileID file) {
  auto found = directives_.find(file);
  if (found != directives_.end()) return found->second;
  std::vector<Directive>& result = directives_[file];
  bool invalid = false;
  llvm::StringRef text = sources_.getBufferData(file, &invalid);
  if (invalid) return result;
  for (std::size_t at = text.find("NOLINT"); at != llvm::StringRef::npos; at = text.find("NOLINT", at + 1)) {
    llvm::StringRef rest = text.substr(at + 6);
    Directive directive{Directive::Kind::same_line, 0, "*"};
    if (rest.consume_front("NEXTLINE")) directive.kind = Directive::Kind::next_line;
    else if (rest.consume_front("BEGIN")) directive.kind = Directive::Kind::begin;
    else if (rest.consume_front("END")) directive.kind = Directive::Kind::end;
    // NOLINTFOO is no directive: clang-tidy requires the word to end here.
    if (!rest.empty() && (llvm::isAlnum(rest.front()) || rest.front() == '_')) continue;
    if (rest.consume_front("(")) {
      std::size_t close = rest.find_first_of(")\n");
      if (close == llvm::StringRef::npos || rest[close] != ')') continue;
      directive.checks = rest.substr(0, close).str();
    }
    directive.line = sources_.getLineNumber(file, static_cast<unsigned>(at));
    result.push_back(std::move(directive));
  }
  return result;
}

bool NolintComments::suppresses(Check check, clang::SourceLocation location) {
  if (location.isInvalid()) return false;
  location = sources_.getFileLoc(location);
  clang::FileID file = sources_.getFileID(location);
  unsigned line = sources_.getSpellingLineNumber(location);
  const std::vector<Directive>& found = directives(file);
  if (found.empty()) return false;

  // The innermost registered declaration around the line, if any.
  std::optional<Lines> declaration;
  if (auto it = declarations_.find(file); it != declarations_.end())
    for (const Lines& lines : it->second)
      if (lines.first <= line && line <= lines.last &&
          (!declaration || lines.last - lines.first < declaration->last - declaration->first))
        declaration = lines;

  std::vector<const Directive*> open_blocks;
  for (const Directive& directive : found) {
    switch (directive.kind) {
      case Directive::Kind::same_line:
        if (directive.line == line ||
            (declaration && declaration->first <= directive.line && directive.line <= declaration->last))
          if (names(directive, check)) return true;
        break;
      case Directive::Kind::next_line:
        if (directive.line + 1 == line || (declaration && directive.line + 1 == declaration->first))
          if (names(directive, check)) return true;
        break;
      case Directive::Kind::begin:
        if (directive.line <= line) open_blocks.push_back(&directive);
        break;
      case Directive::Kind::end:
        // Closes the latest block with the same check list, as clang-tidy pairs them.
        for (auto it = open_blocks.rbegin(); it != open_blocks.rend(); ++it)
          if ((*it)->checks == directive.checks) {
            if (directive.line < line) open_blocks.erase(std::next(it).base());
            break;
          }
        break;
    }
  }
  for (const Directive* block : open_blocks)
    if (names(*block, check)) return true;
  return false;
}

}  // namespace sqlmodel::plugin
