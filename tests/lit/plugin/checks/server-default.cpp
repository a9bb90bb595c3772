// A .server_default the database would refuse: not SQL, a column name (a value that lost its
// quotes), or a literal the column cannot hold. Expressions pass as they are.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <chrono>
#include <nlohmann/json.hpp>
#include <sqlmodel/annotations.hpp>

enum class Stage { draft, published };

struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;

  SQLMODEL_FIELD(.server_default = "draft") std::string state;  // expected-error {{.server_default 'draft' of column 'posts.state' is the bare word 'draft', which is no SQL keyword or function: the database reads it as a column name, and a DEFAULT cannot read a column; did you mean the string 'draft'? [sqlmodel-server-default]}}
  // CHECK: fix-it:"{{.*}}server-default.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:43}:"\"'draft'\""
  SQLMODEL_FIELD(.server_default = "\"draft\"") std::string quoted_state;  // expected-error {{is the bare word 'draft'}}
  // CHECK: fix-it:"{{.*}}server-default.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:47}:"\"'draft'\""
  SQLMODEL_FIELD(.server_default = "drafft") Stage stage = Stage::draft;  // expected-error {{.server_default 'drafft' of column 'posts.stage' is the bare word 'drafft'}}
  // CHECK: fix-it:"{{.*}}server-default.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:44}:"\"'draft'\""
  SQLMODEL_FIELD(.server_default = "views + 1") std::int64_t copies = 0;  // expected-error {{.server_default 'views + 1' of column 'posts.copies' names 'views', which is no SQL keyword or function: the database reads it as a column name, and a DEFAULT cannot read a column (quote a string value)}}
  SQLMODEL_FIELD(.server_default = "'unfinished") std::string note;  // expected-error {{.server_default ''unfinished' of column 'posts.note' is not SQL: unterminated}}
  SQLMODEL_FIELD(.server_default = "  ") std::string blank;  // expected-error {{.server_default '  ' of column 'posts.blank' is empty}}

  SQLMODEL_FIELD(.server_default = "'many'") std::int32_t views;  // expected-error {{.server_default ''many'' of column 'posts.views' is a string, which a 32-bit integer column cannot hold}}
  SQLMODEL_FIELD(.server_default = "1.5") std::int32_t rank;  // expected-error {{.server_default '1.5' of column 'posts.rank' is not a whole number, which a 32-bit integer column needs}}
  SQLMODEL_FIELD(.server_default = "40000") std::int16_t small;  // expected-error {{.server_default '40000' of column 'posts.small' is out of the range of a 16-bit integer column}}
  SQLMODEL_FIELD(.server_default = "true") std::int32_t flag_count;  // expected-error {{.server_default 'true' of column 'posts.flag_count' is a boolean, which a 32-bit integer column cannot hold}}
  // CHECK: fix-it:"{{.*}}server-default.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:42}:"\"1\""
  SQLMODEL_FIELD(.server_default = "1") bool visible;  // expected-error {{.server_default '1' of column 'posts.visible' is a number, which a boolean column cannot hold (PostgreSQL has no implicit cast)}}
  // CHECK: fix-it:"{{.*}}server-default.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:39}:"\"true\""
  SQLMODEL_FIELD(.server_default = "'maybe'") bool pinned;  // expected-error {{.server_default ''maybe'' of column 'posts.pinned' is not a boolean}}
  SQLMODEL_FIELD(.server_default = "'n/a'") double score;  // expected-error {{.server_default ''n/a'' of column 'posts.score' is a string, which a floating-point column cannot hold}}
  SQLMODEL_FIELD(.server_default = "0") std::chrono::system_clock::time_point published_at;  // expected-error {{.server_default '0' of column 'posts.published_at' is a number, which a timestamp column cannot hold}}
  SQLMODEL_FIELD(.server_default = "'not-a-uuid'") sqlmodel::UUID token;  // expected-error {{.server_default ''not-a-uuid'' of column 'posts.token' is not a UUID}}
  SQLMODEL_FIELD(.max_length = 5, .server_default = "'toolong'") std::string code;  // expected-error {{.server_default ''toolong'' of column 'posts.code' is 7 characters long, longer than the column's .max_length of 5}}
  SQLMODEL_FIELD(.server_default = "NULL") std::string title;  // expected-error {{.server_default 'NULL' of column 'posts.title' is NULL on a NOT NULL column: every row that relies on the default fails}}
  SQLMODEL_FIELD(.sql_type = "jsonb", .server_default = "0") nlohmann::json settings;  // expected-error {{.server_default '0' of column 'posts.settings' is a number, which a JSONB column cannot hold}}
  SQLMODEL_FIELD(.server_default = "5") std::chrono::seconds grace;  // expected-error {{.server_default '5' of column 'posts.grace' is a number, which an interval column cannot hold}}

  // Accepted: literals of the column's type, functions, keywords, casts, operators.
  SQLMODEL_FIELD(.server_default = "'draft'") std::string fine_state;
  SQLMODEL_FIELD(.server_default = "'draft'") Stage fine_stage = Stage::draft;
  SQLMODEL_FIELD(.server_default = "-5") std::int32_t fine_offset;
  SQLMODEL_FIELD(.server_default = "'5'") std::int64_t fine_quoted_number;
  SQLMODEL_FIELD(.server_default = "(0)") double fine_zero;
  SQLMODEL_FIELD(.server_default = "FALSE") bool fine_flag;
  SQLMODEL_FIELD(.server_default = "'yes'") bool fine_yes;
  SQLMODEL_FIELD(.server_default = "CURRENT_TIMESTAMP") std::chrono::system_clock::time_point fine_created;
  SQLMODEL_FIELD(.server_default = "now() + interval '1 day'") std::chrono::system_clock::time_point fine_due;
  SQLMODEL_FIELD(.server_default = "gen_random_uuid()") sqlmodel::UUID fine_uuid;
  SQLMODEL_FIELD(.server_default = "NULL") std::optional<std::string> fine_nothing;
  SQLMODEL_FIELD(.max_length = 5, .server_default = "'héllo'") std::string fine_code;
  SQLMODEL_FIELD(.server_default = "CASE WHEN 1 > 0 THEN 'a' ELSE 'b' END") std::string fine_case;
  SQLMODEL_FIELD(.sql_type = "jsonb", .server_default = "'{}'") nlohmann::json fine_settings;
  SQLMODEL_FIELD(.server_default = "'5 minutes'") std::chrono::seconds fine_grace;
  // A type the project spells itself: its literals are the database's to judge.
  SQLMODEL_FIELD(.postgresql_type = "inet", .server_default = "'10.0.0.1'") std::string fine_address;
};
