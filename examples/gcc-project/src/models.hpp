// A lending library's models. This project is compiled with g++: under GCC the SQLMODEL_*
// macros expand to nothing, so g++ sees plain structs, and the checks run in clang-19 beside
// it (sqlmodel_add_models, and sqlmodel-check over the g++ compile database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

namespace library {

enum class Format { hardcover, paperback, ebook };

struct Book;
struct Member;

struct SQLMODEL_TABLE(.name = "authors") Author {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.max_length = 100, .min_length = 1) std::string name;
  SQLMODEL_FIELD(.max_length = 2) std::optional<std::string> country{};
  SQLMODEL_RELATIONSHIP(.back_populates = "author", .order_by = "title", .cascade_delete = true)
  sqlmodel::RelatedList<Book> books{};
};

struct SQLMODEL_TABLE(.name = "books")
SQLMODEL_CHECK(.name = "pages_positive", .expression = "pages > 0")
Book {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.max_length = 200) std::string title;
  SQLMODEL_FIELD(.unique = true, .max_length = 13, .min_length = 10) std::string isbn;
  Format format = Format::paperback;
  SQLMODEL_FIELD(.ge = 1) std::int32_t pages = 1;
  SQLMODEL_FIELD(.foreign_key = "authors.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t author_id = 0;
  SQLMODEL_RELATIONSHIP(.back_populates = "books") sqlmodel::Related<Author> author{};
  SQLMODEL_RELATIONSHIP(.back_populates = "loans", .link_model = "Loan", .order_by = "name")
  sqlmodel::RelatedList<Member> borrowers{};
};

struct SQLMODEL_TABLE(.name = "members") Member {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.unique = true, .max_length = 255) std::string email;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "borrowers", .link_model = "Loan", .order_by = "title")
  sqlmodel::RelatedList<Book> loans{};
};

// Many-to-many with a column of its own: how long the member may keep the book.
struct SQLMODEL_TABLE(.name = "loans") Loan {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "books.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t book_id = 0;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "members.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t member_id = 0;
  SQLMODEL_FIELD(.ge = 1, .le = 60, .server_default = "14") std::int32_t days = 14;
};

struct SQLMODEL_MODEL(.mirrors = "Book") BookCreate {
  std::string title;
  std::string isbn;
  Format format = Format::paperback;
  std::int32_t pages = 1;
  std::int64_t author_id = 0;
};

}  // namespace library
