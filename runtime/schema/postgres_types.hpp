// The PostgreSQL spelling of each dialect-neutral column type, used both ways: the DDL renderer
// writes these names and PostgreSQL introspection reads format_type()'s spelling back.
//
//   schema type      written (DDL)                   read back (format_type)
//   int16            SMALLINT                        smallint
//   int32            INTEGER                         integer
//   int64            BIGINT                          bigint
//   boolean          BOOLEAN                         boolean
//   float32          REAL                            real
//   float64          DOUBLE PRECISION                double precision
//   string(n)        VARCHAR(n) / VARCHAR            character varying(n) / character varying
//   text             TEXT                            text
//   blob             BYTEA                           bytea
//   date             DATE                            date
//   datetime         TIMESTAMP WITHOUT TIME ZONE     timestamp without time zone
//   datetime_tz      TIMESTAMP WITH TIME ZONE        timestamp with time zone
//   interval         INTERVAL                        interval
//   uuid             UUID                            uuid
//   json / jsonb     JSON / JSONB                    json / jsonb
//   numeric(p,s)     NUMERIC(p,s) / NUMERIC          numeric(p,s) / numeric
//   enum(e)          "e"                             (the enum's name, from pg_type)
//   array(t)         t[]                             (the element's spelling, from typelem)
//   custom           the postgresql spelling, verbatim
//
// float32/float64 are REAL and DOUBLE PRECISION rather than SQLAlchemy's FLOAT because
// PostgreSQL's FLOAT without a precision is double precision: float32 could not be told
// apart from float64 when the database is read back.
//
// A type the table does not hold (tsvector, citext, inet, geometry(Point,4326)) is kind custom
// with its spelling. A person writes `.postgresql_type` as they would in DDL, so reading also
// takes the usual aliases (varchar(20), int4, timestamptz, bool, ...), and a custom spelling is
// compared in PostgreSQL's form: the type name lower-cased, its arguments as written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

// The type as CREATE TABLE writes it. Throws std::invalid_argument for an array of arrays, an
// enum without a name, and a custom type without a PostgreSQL spelling.
std::string postgres_type(const ColumnType& type);

// A scalar type from its spelling (format_type()'s, or an alias a person writes); nullopt when
// no kind stands for it. `enum_name`: the pg_type name when the type is an enum.
std::optional<ColumnType> parse_postgres_type(std::string_view spelling, const std::string& enum_name = {});

// A spelling no kind stands for, in the form format_type() prints it: "TSVECTOR" ->
// "tsvector", "geometry(Point, 4326)" -> "geometry(Point,4326)".
std::string canonical_postgres_spelling(std::string_view spelling);

}  // namespace sqlmodel::schema
