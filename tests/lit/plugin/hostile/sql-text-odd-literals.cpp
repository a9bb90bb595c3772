// String literals no SQL reader expects, given to text() and exec_script(): the plugin never
// crashes the compiler, whatever the bytes, the encoding or the spelling of the literal.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
// CHECK-NOT: PLEASE
#include <sqlmodel/annotations.hpp>
#include <sqlmodel/session.hpp>

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;
};

#define EMAIL_QUERY "SELECT emial FROM users"

template <typename S>
void in_template(S& session) {
  session.exec(sqlmodel::text("SELECT emial FROM users WHERE id = :id").bind("id", 1));
}

void queries(sqlmodel::Session& session) {
  session.exec(sqlmodel::text(""));
  session.exec(sqlmodel::text("   -- only a comment"));
  session.exec(sqlmodel::text(";;;"));
  session.exec(sqlmodel::text("'"));
  session.exec(sqlmodel::text("\"users"));
  session.exec(sqlmodel::text("/* unterminated"));
  session.exec(sqlmodel::text("SELECT ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1"));
  session.exec(sqlmodel::text("SELECT * FROM (SELECT * FROM (SELECT * FROM (SELECT * FROM (SELECT * FROM (SELECT * FROM users))))))"));
  session.exec(sqlmodel::text("SELECT \0 emial FROM users"));
  session.exec(sqlmodel::text("SELECT \xff\xfe FROM users WHERE \\: = :"));
  session.exec(sqlmodel::text("SELECT em" "ial FROM us" "ers"));
  session.exec(sqlmodel::text(R"(SELECT emial
                                 FROM users)"));
  session.exec(sqlmodel::text("SELECT emial FROM users WHERE email = 'é'"));
  session.exec(sqlmodel::text(std::string("SELECT emial FROM users")));
  session.exec(sqlmodel::text("SELECT \x65mial FROM users"));
  session.exec(sqlmodel::text(EMAIL_QUERY));
  session.exec(sqlmodel::text("SELECT emial FROM users").bind("", 1).bind(":", 2));
  session.exec(sqlmodel::text("SELECT :, :1, ::, :_, $1, ?, ?2, @x FROM users"));
  session.exec(sqlmodel::text("INSERT INTO"));
  session.exec(sqlmodel::text("UPDATE users SET (email) = (SELECT 'a') WHERE"));
  session.exec(sqlmodel::text("WITH x AS (SELECT 1) , y AS"));
  session.exec(sqlmodel::text("SELECT * FROM users u JOIN JOIN ON ON"));
  session.exec(sqlmodel::text("SELECT u.* , .* , *.x FROM users u"));
  session.exec_script("");
  session.exec_script(";");
  session.exec_script("'unterminated; SELECT emial FROM users");
  session.exec_script("CREATE TRIGGER t AFTER INSERT ON users BEGIN UPDATE users SET emial = 1; END;");
  in_template(session);
}
