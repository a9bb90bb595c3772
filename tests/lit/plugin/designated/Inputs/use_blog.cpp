#include "blog.hpp"

int main() {
  blog::Author author{.handle = "ada"};
  blog::Post post{.title = "Hello", .author_id = 1};
#ifdef DESIGNATED_MIXIN_MODEL
  blog::Note note{.text = "remember"};
#else
  blog::Note note;
  note.text = "remember";
#endif
  return author.handle.size() + post.title.size() + note.text.size() == 0;
}
