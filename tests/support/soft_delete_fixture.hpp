// A fixture that runs a soft-delete / by-criteria test on each backend (a fresh SQLite file; the
// PostgreSQL server of tools/with-postgres.sh, in a schema of its own), each test starting with
// the tables of soft_delete_schema() created and empty, and a statement log on the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "orm_fixture.hpp"
#include "soft_delete_models_schema.hpp"
#include "soft_delete_models_traits.hpp"
#include "sqlmodel/database.hpp"
#include "sqlmodel/orm.hpp"
#include "test_databases.hpp"

namespace sqlmodel::testing::soft {

class SoftDeleteTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    SQLMODEL_REQUIRE_DATABASE(url, GetParam(), "soft_delete");
    url_ = url;
    database_.emplace(Database::open(url_));
    database_->exec_script(
        "DROP TABLE IF EXISTS club_members; DROP TABLE IF EXISTS clubs; DROP TABLE IF EXISTS notes; "
        "DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS authors;");
    database_->exec_script(soft_delete_create_script(database_->dialect()));
  }

  Database& db() { return *database_; }

  std::string url_;
  std::optional<Database> database_;
};

inline Author make_author(std::string name) {
  Author author;
  author.name = std::move(name);
  return author;
}

inline Article make_article(std::int64_t author_id, std::string title, std::int32_t stars = 1) {
  Article article;
  article.author_id = author_id;
  article.title = std::move(title);
  article.stars = stars;
  return article;
}

// The titles of a loaded collection, in its order.
inline std::vector<std::string> titles(const RelatedList<Article>& articles) {
  std::vector<std::string> result;
  for (const auto& article : articles.get()) result.push_back(article->title);
  return result;
}

}  // namespace sqlmodel::testing::soft
