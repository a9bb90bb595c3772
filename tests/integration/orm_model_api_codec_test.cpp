// Value codecs round-trip on SQLite and PostgreSQL: timestamps (UTC, microseconds), dates,
// JSON, UUID, Decimal, bytes, enums, arrays of scalars, and std::optional of each.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/orm_model_api_fixture.hpp"
#include "sqlmodel/json.hpp"
#include "sqlmodel/detail/value_text.hpp"

namespace sqlmodel::testing::orm_api {
namespace {

using namespace std::chrono;

system_clock::time_point at_micros(int year, unsigned month, unsigned day, int hour, int minute, int second,
                                   long micros) {
  return sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day)) + hours(hour) +
         minutes(minute) + seconds(second) + microseconds(micros);
}

Sample full_sample() {
  Sample sample;
  sample.at = at_micros(2024, 2, 29, 23, 59, 58, 123456);
  sample.maybe_at = at_micros(1969, 7, 20, 20, 17, 40, 1);  // before the epoch
  sample.day = std::chrono::year(2024) / 2 / 29;
  sample.maybe_day = std::chrono::year(1999) / 12 / 31;
  sample.doc = {{"name", "widget"}, {"sizes", {1, 2, 3}}, {"nested", {{"ok", true}, {"none", nullptr}}}};
  sample.maybe_doc = nlohmann::json(nullptr);  // JSON null, which is not SQL NULL
  sample.maybe_token = UUID::parse("123e4567-e89b-12d3-a456-426614174000");
  sample.amount = Decimal("12345678901234.123456");
  sample.maybe_amount = Decimal("-0.5");
  sample.bytes = {std::byte{0}, std::byte{0xff}, std::byte{0x10}};
  sample.maybe_bytes = std::vector<std::byte>{};
  sample.mood = Mood::busy;
  sample.maybe_mood = Mood::away;
  sample.numbers = {1, -2, 9007199254740993};
  sample.small_numbers = {-7, 0, 7};
  sample.ratios = {0.1, -2.5, 1e-300};
  sample.words = {"plain", "with space", "quote \" and \\ backslash", "comma,brace}", "NULL", ""};
  sample.moods = {Mood::away, Mood::calm};
  sample.tokens = {*UUID::parse("00000000-0000-0000-0000-000000000001")};
  sample.times = {at_micros(2030, 1, 1, 0, 0, 0, 999999)};
  sample.maybe_numbers = std::vector<std::int64_t>{};
  return sample;
}

// The first row of `sql`, each column read as text: what the database itself holds.
std::vector<std::string> first_row_text(Session& session, const std::string& sql, int columns) {
  std::vector<std::string> row;
  Statement& statement = session.connection().prepare(sql);
  session.run(statement, 0, [](Statement&) {}, [&](Statement& s) {
    if (!row.empty()) return;
    for (int i = 0; i < columns; ++i) s.read_text(i, row.emplace_back());
  });
  return row;
}

void expect_same(const Sample& a, const Sample& b) {
  EXPECT_EQ(a.at, b.at);
  EXPECT_EQ(a.maybe_at, b.maybe_at);
  EXPECT_EQ(a.day, b.day);
  EXPECT_EQ(a.maybe_day, b.maybe_day);
  EXPECT_EQ(a.doc, b.doc);
  EXPECT_EQ(a.maybe_doc, b.maybe_doc);
  EXPECT_EQ(a.token, b.token);
  EXPECT_EQ(a.maybe_token, b.maybe_token);
  EXPECT_EQ(a.amount, b.amount);
  EXPECT_EQ(a.maybe_amount, b.maybe_amount);
  EXPECT_EQ(a.bytes, b.bytes);
  EXPECT_EQ(a.maybe_bytes, b.maybe_bytes);
  EXPECT_EQ(a.mood, b.mood);
  EXPECT_EQ(a.maybe_mood, b.maybe_mood);
  EXPECT_EQ(a.numbers, b.numbers);
  EXPECT_EQ(a.small_numbers, b.small_numbers);
  EXPECT_EQ(a.ratios, b.ratios);
  EXPECT_EQ(a.words, b.words);
  EXPECT_EQ(a.moods, b.moods);
  EXPECT_EQ(a.tokens, b.tokens);
  EXPECT_EQ(a.times, b.times);
  EXPECT_EQ(a.maybe_numbers, b.maybe_numbers);
}

TEST_P(ModelApiTest, EveryValueTypeRoundTrips) {
  Session session(db());
  Sample sample = full_sample();
  // SQLite's NUMERIC affinity keeps 15 significant digits (the SQLite lowering declares
  // NUMERIC); PostgreSQL's numeric(20,6) keeps all of them.
  if (!postgres()) sample.amount = Decimal("123456789.123456");
  session.add(sample);
  session.commit();
  EXPECT_NE(sample.token, UUID{});  // default_factory = uuid4 filled it
  EXPECT_EQ(sample.token.bytes[6] >> 4, 4);
  auto stored = session.get_one<Sample>(*sample.id);
  expect_same(stored, sample);
}

TEST_P(ModelApiTest, UnsetOptionalsAndEmptyArraysRoundTrip) {
  Session session(db());
  Sample sample;
  sample.at = at_micros(2000, 1, 1, 0, 0, 0, 0);
  sample.day = std::chrono::year(2000) / 1 / 1;
  sample.doc = nlohmann::json::object();
  session.add(sample);
  session.commit();
  auto stored = session.get_one<Sample>(*sample.id);
  EXPECT_FALSE(stored.maybe_at || stored.maybe_day || stored.maybe_doc || stored.maybe_token ||
               stored.maybe_amount || stored.maybe_bytes || stored.maybe_mood || stored.maybe_numbers);
  EXPECT_TRUE(stored.numbers.empty());
  EXPECT_TRUE(stored.words.empty());
  expect_same(stored, sample);
}

TEST_P(ModelApiTest, TimestampsAreStoredAsUtcInstants) {
  Session session(db());
  if (postgres()) session.exec_script("SET LOCAL TIME ZONE 'Asia/Kolkata'");  // +05:30 in what it prints
  Sample sample = full_sample();
  session.add(sample);
  session.flush();
  auto stored = session.get_one<Sample>(*sample.id);
  EXPECT_EQ(stored.at, sample.at);
  EXPECT_EQ(stored.times, sample.times);
  if (postgres()) {
    EXPECT_EQ(first_row_text(session,
                             "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM samples", 1),
              std::vector<std::string>{"2024-02-29 23:59:58.123456"});
  }
  session.commit();
}

TEST_P(ModelApiTest, ArraysAreNativeOnPostgresAndJsonOnSqlite) {
  Session session(db());
  Sample sample = full_sample();
  session.add(sample);
  session.commit();
  const std::vector<std::string> expected{"3", "quote \" and \\ backslash", "away"};
  if (postgres())
    EXPECT_EQ(first_row_text(session, "SELECT array_length(numbers, 1), words[3], moods[1]::text FROM samples", 3),
              expected);
  else
    EXPECT_EQ(first_row_text(session,
                             "SELECT json_array_length(numbers), json_extract(words, '$[2]'), "
                             "json_extract(moods, '$[0]') FROM samples",
                             3),
              expected);
}

TEST(ModelApiValueText, TimestampTextForms) {
  const auto instant = at_micros(2024, 5, 1, 12, 0, 0, 500000);
  EXPECT_EQ(detail::format_timestamp(instant), "2024-05-01 12:00:00.500000+00:00");
  EXPECT_EQ(detail::parse_timestamp("2024-05-01T12:00:00.5Z"), instant);
  EXPECT_EQ(detail::parse_timestamp("2024-05-01 17:30:00.5+05:30"), instant);
  EXPECT_EQ(detail::parse_timestamp("2024-05-01 07:00:00.5-05"), instant);
  EXPECT_EQ(detail::parse_timestamp("2024-05-01 12:00:00.5000009"), instant);  // past microseconds: truncated
  EXPECT_EQ(detail::parse_timestamp("2024-05-01 12:00:00"), at_micros(2024, 5, 1, 12, 0, 0, 0));
  EXPECT_FALSE(detail::parse_timestamp("2024-02-30 00:00:00"));
  EXPECT_FALSE(detail::parse_timestamp("infinity"));
  EXPECT_FALSE(detail::parse_timestamp("2024-05-01 12:00:00+5"));
  EXPECT_FALSE(detail::parse_date("2023-02-29"));
  EXPECT_EQ(detail::format_date(std::chrono::year(7) / 3 / 4), "0007-03-04");
}

TEST(ModelApiJson, EveryValueTypeRoundTripsThroughJson) {
  Sample sample = full_sample();
  sample.id = 5;
  nlohmann::json document = to_json(sample);
  EXPECT_EQ(document["at"], "2024-02-29T23:59:58.123456Z");
  EXPECT_EQ(document["day"], "2024-02-29");
  EXPECT_EQ(document["bytes"], "AP8Q");
  EXPECT_EQ(document["mood"], "busy");
  EXPECT_EQ(document["amount"], "12345678901234.123456");
  EXPECT_EQ(document["maybe_token"], "123e4567-e89b-12d3-a456-426614174000");
  EXPECT_TRUE(document["maybe_doc"].is_null());  // JSON null and NULL are one thing in JSON
  Sample back = from_json<Sample>(document);
  sample.maybe_doc.reset();
  expect_same(back, sample);

  nlohmann::json bad_enum = document;
  bad_enum["moods"][1] = "angry";
  try {
    from_json<Sample>(bad_enum);
    FAIL();
  } catch (const JsonError& error) {
    EXPECT_EQ(error.path(), "Sample.moods[1]");
    EXPECT_STREQ(error.what(),
                 "Sample.moods[1]: expected one of \"calm\", \"busy\", \"away\" (enum mood), got string \"angry\"");
  }
  nlohmann::json bad_time = document;
  bad_time["at"] = "yesterday";
  EXPECT_THROW(from_json<Sample>(bad_time), JsonError);
  nlohmann::json bad_bytes = document;
  bad_bytes["bytes"] = "not base64!";
  EXPECT_THROW(from_json<Sample>(bad_bytes), JsonError);
}

}  // namespace
}  // namespace sqlmodel::testing::orm_api
