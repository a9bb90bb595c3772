// How the linter reads SQL it did not write: the text of `sql` steps (and, for CONCURRENTLY,
// the statements it renders). Only what the rules need: which statements set lock_timeout,
// which use CONCURRENTLY, and which take a lock that stops reads or writes of a table.
// Internal to lint/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/sql_lexical.hpp"

namespace sqlmodel::migrate::lint {

using SqlStatement = std::vector<schema::SqlToken>;  // without the ";" and the end token

// The statements of `sql`, split at top-level semicolons. Text the lexer cannot read (an
// unterminated quote) is one statement of the words before the problem, which is all a rule
// can trust of it.
std::vector<SqlStatement> sql_statements(std::string_view sql);

// What the statement does to lock_timeout: true for SET [SESSION | LOCAL] lock_timeout
// {= | TO} <value>, false when the value is 0 or DEFAULT (both mean "wait forever") or for
// RESET lock_timeout / RESET ALL, nullopt for any other statement.
std::optional<bool> lock_timeout_setting(const SqlStatement& statement);

bool has_word(const SqlStatement& statement, std::string_view word);  // case-insensitive

// DDL that holds a lock which stops reads or writes of a table while it runs (ALTER TABLE,
// CREATE INDEX without CONCURRENTLY, DROP TABLE / INDEX, TRUNCATE, LOCK, CREATE TRIGGER,
// REINDEX, CLUSTER, VACUUM FULL, and the SHARE ROW EXCLUSIVE lock a foreign key takes on the
// table it references, also from CREATE TABLE): the tables it locks, "" for one the statement
// does not name (DROP INDEX names the index). nullopt for any other statement.
std::optional<std::vector<std::string>> locked_tables(const SqlStatement& statement);

// CREATE [UNLOGGED] TABLE [IF NOT EXISTS] name: the name; nullopt for any other statement.
std::optional<std::string> created_table(const SqlStatement& statement);

}  // namespace sqlmodel::migrate::lint
