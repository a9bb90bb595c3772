// A fixture that runs an ORM test on each backend: a fresh SQLite file, and the PostgreSQL
// server of tools/with-postgres.sh (skipped without one, failed under CI). Each test starts
// with the tables of orm_test_schema() empty.
#pragma once

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "orm_models_traits.hpp"
#include "orm_test_schema.hpp"
#include "sqlmodel/database.hpp"
#include "sqlmodel/session.hpp"
#include "test_databases.hpp"

namespace sqlmodel::testing::orm {

enum class Backend { sqlite, postgres };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgres";
}

class OrmTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgres) {
      SQLMODEL_REQUIRE_POSTGRES(postgres_url);
      url_ = postgres_url;
    } else {
      const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
      std::string file = std::string(test->test_suite_name()) + "_" + test->name() + ".db";
      for (char& c : file)
        if (c == '/') c = '_';
      url_ = "sqlite:///" + (scratch_directory() / file).string();
    }
    database_.emplace(Database::open(url_));
    std::string reset =
        "DROP TABLE IF EXISTS comments; DROP TABLE IF EXISTS posts; DROP TABLE IF EXISTS users; "
        "DROP TABLE IF EXISTS gadgets; DROP TABLE IF EXISTS settings;";
    if (GetParam() == Backend::postgres) reset += " DROP TYPE IF EXISTS priority;";
    database_->execute(reset);
    database_->execute(orm_create_script(database_->dialect()));
  }

  Database& db() { return *database_; }
  bool postgres() const { return GetParam() == Backend::postgres; }

  std::string url_;
  std::optional<Database> database_;
};

// Counts and records the statements a database runs.
struct StatementLog {
  std::vector<std::string> statements;
  std::vector<StatementEvent> events;
  StatementListener listener() {
    return [this](const StatementEvent& event) {
      statements.emplace_back(event.sql);
      events.push_back(event);
      events.back().sql = statements.back();
    };
  }
};

inline User make_user(std::string name, std::int32_t age = 30) {
  User user;
  user.email = name + "@example.com";
  user.name = std::move(name);
  user.age = age;
  return user;
}

inline Post make_post(std::int64_t user_id, std::string title, std::int32_t score = 0) {
  Post post;
  post.user_id = user_id;
  post.title = std::move(title);
  post.score = score;
  return post;
}

inline Comment make_comment(std::int64_t post_id, std::string body) {
  Comment comment;
  comment.post_id = post_id;
  comment.body = std::move(body);
  return comment;
}

}  // namespace sqlmodel::testing::orm
