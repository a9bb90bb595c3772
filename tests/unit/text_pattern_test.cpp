// The `.pattern` engine (RE2 behind sqlmodel/detail/text_pattern.hpp): what it refuses, that it
// matches hostile lengths and nestings without recursion, and how a long value is quoted.
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sqlmodel/detail/text_pattern.hpp"

namespace sqlmodel::detail {
namespace {

using ::testing::HasSubstr;

std::string nested_groups(std::size_t depth) {
  return std::string(depth, '(') + "a" + std::string(depth, ')');
}

TEST(TextPattern, ErrorsAreRe2sOwnMessages) {
  EXPECT_EQ(text_pattern_error("^[a-z0-9_]+$"), std::nullopt);
  EXPECT_EQ(text_pattern_error("[a-z"), "missing ]: [a-z");
  EXPECT_EQ(text_pattern_error("(a)\\1"), "invalid escape sequence: \\1");
  EXPECT_EQ(text_pattern_error("(?=a)"), "invalid perl operator: (?=");
  EXPECT_EQ(text_pattern_error("a{1001}"), "invalid repetition size: {1001}");
}

TEST(TextPattern, NestingIsBoundedOutsideClassesAndEscapes) {
  EXPECT_EQ(text_pattern_error(nested_groups(max_pattern_group_nesting)), std::nullopt);
  EXPECT_EQ(text_pattern_error(nested_groups(20000)), "groups nest 20000 deep; at most 1000 are allowed");
  EXPECT_EQ(text_pattern_error(nested_groups(1000000)), "groups nest 1000000 deep; at most 1000 are allowed");
  // Parentheses in a class, escaped or quoted are characters, not groups.
  EXPECT_EQ(text_pattern_error("[" + std::string(2000, '(') + "]"), std::nullopt);
  EXPECT_EQ(text_pattern_error("\\Q" + std::string(2000, '(') + "\\E"), std::nullopt);
  std::string escaped;
  for (int i = 0; i < 2000; ++i) escaped += "\\(";
  EXPECT_EQ(text_pattern_error(escaped), std::nullopt);
  EXPECT_EQ(text_pattern_error("[[:alpha:](]" + std::string(1001, '(') + std::string(1001, ')')),
            "groups nest 1001 deep; at most 1000 are allowed");
}

TEST(TextPattern, TooLargeForRe2IsAnErrorNotACrash) {
  std::string huge;
  for (int i = 0; i < 1000; ++i) huge += "[a-z]{1000}";
  EXPECT_EQ(text_pattern_error(huge), "pattern too large - compile failed");
}

TEST(TextPattern, SearchesMegabytesInLinearTime) {
  const CompiledPattern& email = compiled_text_pattern("^[^@\\s]+@[^@\\s]+$", "users.email");
  const std::string megabyte(std::size_t{1} << 20, 'x');
  EXPECT_TRUE(text_pattern_found(email, megabyte + "@example.com"));
  EXPECT_FALSE(text_pattern_found(email, megabyte));
  EXPECT_FALSE(text_pattern_found(email, megabyte + "@" + megabyte + "@"));
  // The catastrophic-backtracking shapes of backtracking engines.
  const CompiledPattern& nested_star = compiled_text_pattern("^(a+)+$", "t.c");
  EXPECT_FALSE(text_pattern_found(nested_star, std::string(100000, 'a') + "!"));
  const CompiledPattern& deep = compiled_text_pattern(nested_groups(1000), "t.deep");
  EXPECT_TRUE(text_pattern_found(deep, "xax"));
  // Bytes that are not UTF-8, and NULs, are text like any other.
  EXPECT_FALSE(text_pattern_found(email, std::string("\xff\xfe@\x80", 4)));
  EXPECT_TRUE(text_pattern_found(email, std::string("a\0b@c", 5)));
}

TEST(TextPattern, CompiledOnceAndSharedAcrossThreads) {
  const CompiledPattern& first = compiled_text_pattern("^[a-z]+$", "t.a");
  EXPECT_EQ(&first, &compiled_text_pattern("^[a-z]+$", "t.b"));
  std::vector<std::thread> threads;
  std::vector<int> found(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i)
        found[t] += text_pattern_found(compiled_text_pattern("^[a-z]+$", "t.a"), "abc") ? 1 : 0;
    });
  for (auto& thread : threads) thread.join();
  for (int count : found) EXPECT_EQ(count, 200);
}

TEST(TextPattern, AnInvalidPatternAtRunTimeNamesTheColumn) {
  // Hand-written traits, or a GCC build that skipped sqlmodel-check: the first validation of
  // the column says what is wrong, every time.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      compiled_text_pattern("[a-z", "users.handle");
      FAIL() << "an invalid pattern compiled";
    } catch (const std::invalid_argument& error) {
      EXPECT_STREQ(error.what(),
                   "the .pattern of column 'users.handle' is not a valid regular expression (RE2 "
                   "syntax): missing ]: [a-z");
    }
  }
  EXPECT_THROW(compiled_text_pattern(nested_groups(5000), "users.handle"), std::invalid_argument);
}

TEST(TextPattern, LongValuesAreQuotedByTheirStartAndLength) {
  EXPECT_EQ(quoted_value_sample("short"), "\"short\"");
  EXPECT_EQ(quoted_value_sample(std::string(80, 'x')), "\"" + std::string(80, 'x') + "\"");
  EXPECT_EQ(quoted_value_sample(std::string(81, 'x')), "\"" + std::string(60, 'x') + "...\" (81 characters)");
  // Cut at a character, not inside one: 100 two-byte characters.
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "\xC3\xA9";
  std::string first_sixty;
  for (int i = 0; i < 60; ++i) first_sixty += "\xC3\xA9";
  EXPECT_EQ(quoted_value_sample(accented), "\"" + first_sixty + "...\" (100 characters)");
}

}  // namespace
}  // namespace sqlmodel::detail
