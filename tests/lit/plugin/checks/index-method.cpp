// An index method PostgreSQL has no operator class for the column's type: json (no operators
// at all) under any index, gin/gist/spgist/brin on types they do not index; a stock method an
// extension adds is a warning naming the extension.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <nlohmann/json.hpp>
#include <sqlmodel/annotations.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

struct SQLMODEL_TABLE(.name = "docs")
SQLMODEL_INDEX(.columns = {"attributes"}, .method = "gin")   // fine: jsonb has jsonb_ops
SQLMODEL_INDEX(.columns = {"tags"}, .method = "gin")         // fine: arrays have array_ops
SQLMODEL_INDEX(.columns = {"payload"}, .method = "gin")      // expected-error {{index 'ix_docs_payload' of table 'docs' indexes column 'payload' of type json, which PostgreSQL cannot index (json has no equality or ordering): make it jsonb (.sql_type = "jsonb", or the project's json-type=jsonb) [sqlmodel-index-method]}}
SQLMODEL_INDEX(.columns = {"attributes"}, .method = "brin", .name = "ix_docs_attributes_brin")  // expected-error {{index 'ix_docs_attributes_brin' of table 'docs' uses brin on column 'attributes' of type jsonb, which PostgreSQL's brin cannot index; brin indexes numbers, dates, timestamps, text and uuid [sqlmodel-index-method]}}
SQLMODEL_INDEX(.columns = {"title"}, .method = "gin")        // expected-warning {{index 'ix_docs_title' of table 'docs' uses gin on column 'title' of type string, which stock PostgreSQL gin cannot index: it needs the pg_trgm (gin_trgm_ops) or btree_gin extension (CREATE EXTENSION) in the database [sqlmodel-index-method-extension]}}
SQLMODEL_INDEX(.columns = {"created"}, .method = "brin")     // fine
SQLMODEL_INDEX(.columns = {"search"}, .method = "gin")       // fine: a type only PostgreSQL names is its business
Doc {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.sql_type = "jsonb") nlohmann::json attributes;  // expected-note {{column 'attributes' is declared here}}
  nlohmann::json payload;  // expected-note {{column 'payload' is declared here}}
  std::vector<std::string> tags;
  std::string title;  // expected-note {{column 'title' is declared here}}
  std::chrono::system_clock::time_point created;
  SQLMODEL_FIELD(.postgresql_type = "tsvector") std::optional<std::string> search;
  // A unique constraint is a btree index too: none on json.
  SQLMODEL_FIELD(.unique = true) nlohmann::json settings;  // expected-error {{unique constraint 'uq_docs_settings' of table 'docs' indexes column 'settings' of type json}} expected-note {{column 'settings' is declared here}}
};
