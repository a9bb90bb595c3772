// A typed JSON column (a plain struct, or a std::vector of them) is stored through its
// members: each needs a JSON form, and the error names the path from the column.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

enum class Mode { fast, careful };

struct Backoff {
  int initial_ms = 100;
  // expected-error@+2 {{member 'next' of 'Backoff' (pipelines.steps[].retry.backoff.next) has type 'std::function<int (int)>', which has no JSON form: 'std::function' has no SQL column type [sqlmodel-typed-json]}}
  // expected-error@+1 {{member 'next' of 'Backoff' (pipelines.default_backoff.next) has type}}
  std::function<int(int)> next;
};

struct Retry {
  int attempts = 3;
  Backoff backoff;
  std::function<void()> on_fail;  // expected-error {{member 'on_fail' of 'Retry' (pipelines.steps[].retry.on_fail)}}
};

struct Step {
  std::string name;
  Mode mode = Mode::fast;
  std::optional<Retry> retry;
  std::vector<Step> children;  // recursive: fine
  std::map<std::string, int> weights;  // expected-error {{member 'weights' of 'Step' (pipelines.steps[].weights) has type}}
};

class Opaque {
 public:
  explicit Opaque(int) {}
};

struct SQLMODEL_TABLE(.name = "pipelines") Pipeline {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::vector<Step> steps;  // expected-note 3 {{column 'pipelines.steps' stores}}
  std::optional<Backoff> default_backoff;  // expected-note {{column 'pipelines.default_backoff' stores 'Backoff' as JSON here}}
  Opaque opaque;  // expected-error {{member 'opaque' of table 'pipelines' has type 'Opaque', which has no column type: 'Opaque' is not a plain struct}} expected-note {{supported column types}} expected-note {{to keep the member out of the table}}
};
