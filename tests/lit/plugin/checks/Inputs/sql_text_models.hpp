// Models for the sql-text checks that need their generated traits (text<Model>).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "users") User {  // expected-note {{table 'users' is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;
  std::int64_t age = 0;
  double score = 0;
};
