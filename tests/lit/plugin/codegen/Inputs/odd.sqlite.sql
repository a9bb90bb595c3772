-- What the annotations cannot say, in a SQLite database sqlmodel did not create.
CREATE TABLE logs (message TEXT, at DATETIME);
CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(40), "class" INTEGER, "2fa" BOOLEAN, mood, shoe_size MEDIUMINT);
CREATE INDEX ix_people_lower_name ON people (lower(name));
CREATE TABLE orders (region TEXT NOT NULL, number INTEGER NOT NULL, PRIMARY KEY (region, number));
CREATE TABLE order_lines (id INTEGER PRIMARY KEY, region TEXT, number INTEGER, total NUMERIC(10,2),
  doubled INTEGER GENERATED ALWAYS AS (number * 2) VIRTUAL,
  FOREIGN KEY (region, number) REFERENCES orders (region, number));
