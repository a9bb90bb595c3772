-- What the annotations cannot say, in a PostgreSQL database sqlmodel did not create.
CREATE TYPE "Mood" AS ENUM ('happy', 'so-so');
CREATE TYPE status AS ENUM ('active', 'archived');
CREATE TABLE people (id serial PRIMARY KEY, name text, mood "Mood", nick varchar(20),
  code integer GENERATED ALWAYS AS IDENTITY, state status);
CREATE INDEX people_lower_name ON people (lower(name));
CREATE TABLE logs (line text);
CREATE TABLE regions (country char(2), code int, PRIMARY KEY (country, code));
CREATE TABLE sites (id bigint PRIMARY KEY, country char(2), code int,
  FOREIGN KEY (country, code) REFERENCES regions);
