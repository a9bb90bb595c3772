// The documentation's commands build this project and work on its models; what the program
// does is the examples' business (examples/todo, examples/gcc-project).
#include "app/models.hpp"

int main() {
  app::Author author{.handle = "ada", .name = "Ada"};
  return author.handle.empty() ? 1 : 0;
}
