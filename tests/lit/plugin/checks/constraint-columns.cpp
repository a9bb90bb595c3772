// Indexes, unique constraints and checks naming unknown columns.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "users")
SQLMODEL_INDEX(.columns = {"id", "emial"})  // expected-error {{index 'ix_users_id_emial' names unknown column 'emial' of table 'users'; did you mean 'email'? [sqlmodel-constraint-columns]}}
// CHECK: fix-it:"{{.*}}constraint-columns.cpp":{[[@LINE-1]]:27-[[@LINE-1]]:42}:"{\"id\", \"email\"}"
SQLMODEL_UNIQUE(.columns = {"nickname"})  // expected-error {{unique constraint 'uq_users_nickname' names unknown column 'nickname'}}
SQLMODEL_CHECK(.name = "adult", .expression = "agee >= 18 AND lower(email) <> 'x' AND \"age\" < 200")  // expected-error {{check constraint 'ck_users_adult' names unknown column 'agee'}}
SQLMODEL_INDEX(.columns = {"email"}, .where = "deleted_at IS NULL", .name = "ix_live")  // expected-error {{index 'ix_live' has a .where naming unknown column 'deleted_at' of table 'users'}}
SQLMODEL_INDEX(.columns = {"email"}, .method = "btre", .name = "ix_method")  // expected-error {{index 'ix_method' has unknown .method 'btre'; PostgreSQL's are btree, hash, gist, spgist, gin, brin}}
SQLMODEL_INDEX(.columns = {"age"}, .where = "age > 18 AND email IS NOT NULL", .method = "brin")
SQLMODEL_CHECK(.name = "fine", .expression = "age BETWEEN 0 AND 150 OR email IS NULL OR email LIKE '%@%' OR age::text <> ''")
User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  std::string email;
  std::int32_t age = 0;
};

// A relationship's name where its foreign key column belongs, and a prefix of a column's name.
struct Author;
struct SQLMODEL_TABLE(.name = "books")
SQLMODEL_INDEX(.columns = {"author", "title"})  // expected-error {{index 'ix_books_author_title' names unknown column 'author' of table 'books'; did you mean 'author_id'? ('author' is a relationship; its foreign key column is 'author_id')}}
// CHECK: fix-it:"{{.*}}constraint-columns.cpp":{[[@LINE-1]]:27-[[@LINE-1]]:46}:"{\"author_id\", \"title\"}"
SQLMODEL_UNIQUE(.columns = {"editor"})  // expected-error {{unique constraint 'uq_books_editor' names unknown column 'editor' of table 'books'; did you mean 'editor_name'?}}
// CHECK: fix-it:"{{.*}}constraint-columns.cpp":{[[@LINE-1]]:28-[[@LINE-1]]:38}:"{\"editor_name\"}"
Book {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  std::string title;
  SQLMODEL_FIELD(.foreign_key = "authors.id", .index = true) std::int64_t author_id;
  sqlmodel::Related<Author> author;
  std::string editor_name;
};
struct SQLMODEL_TABLE(.name = "authors") Author {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
