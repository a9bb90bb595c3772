// The text forms of values that travel as text on both dialects and in JSON: timestamps,
// dates, and the scalars inside arrays. One definition each, so the SQLite and PostgreSQL
// codecs and to_json/from_json agree.
//
// Timestamps: "YYYY-MM-DD HH:MM:SS.ffffff+00:00", UTC, microseconds. PostgreSQL reads the
// offset (timestamptz stores the instant; timestamp drops the offset, leaving UTC), SQLite's
// date functions accept it, and the fixed width keeps text order = time order. Reading
// accepts a 'T' or ' ' separator, 0-9 fractional digits, and Z, +HH, +HH:MM, +HHMM or no
// offset (UTC): what PostgreSQL prints in any session time zone, and what other tools write.
#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sqlmodel {

namespace detail {

inline bool parse_fixed_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

inline std::string format_date(std::chrono::year_month_day date) {
  if (!date.ok()) throw std::invalid_argument("not a valid calendar date");
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// "YYYY-MM-DD" (what PostgreSQL prints under its default ISO DateStyle); nullopt otherwise.
inline std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  int year, month, day;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !detail::parse_fixed_digits(text, 0, 4, year) || !detail::parse_fixed_digits(text, 5, 2, month) ||
      !detail::parse_fixed_digits(text, 8, 2, day))
    return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                   std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return date;
}

inline std::string format_timestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto micros = time_point_cast<microseconds>(time);
  const auto day = floor<days>(micros);
  const year_month_day date{day};
  const auto of_day = micros - day;
  const auto h = duration_cast<hours>(of_day);
  const auto m = duration_cast<minutes>(of_day - h);
  const auto s = duration_cast<seconds>(of_day - h - m);
  const auto us = (of_day - h - m - s).count();
  char text[48];
  std::snprintf(text, sizeof text, "%s %02d:%02d:%02d.%06lld+00:00", format_date(date).c_str(),
                static_cast<int>(h.count()), static_cast<int>(m.count()), static_cast<int>(s.count()),
                static_cast<long long>(us));
  return text;
}

// Microsecond precision: digits past the sixth are truncated.
inline std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text) {
  using namespace std::chrono;
  if (text.size() < 19) return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  int hour, minute, second;
  if (!date || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':' ||
      !detail::parse_fixed_digits(text, 11, 2, hour) || !detail::parse_fixed_digits(text, 14, 2, minute) ||
      !detail::parse_fixed_digits(text, 17, 2, second) || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  std::size_t at = 19;
  long long micros = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    int digits = 0;
    for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++digits)
      if (digits < 6) micros = micros * 10 + (text[at] - '0');
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  int offset_minutes = 0;
  if (at < text.size()) {
    const char sign = text[at];
    std::string_view rest = text.substr(at + 1);
    if (sign == 'Z' && rest.empty()) {
    } else if (sign == '+' || sign == '-') {
      int offset_hours = 0, offset_mins = 0;
      if (!detail::parse_fixed_digits(rest, 0, 2, offset_hours)) return std::nullopt;
      if (rest.size() == 5 && rest[2] == ':') {
        if (!detail::parse_fixed_digits(rest, 3, 2, offset_mins)) return std::nullopt;
      } else if (rest.size() == 4) {
        if (!detail::parse_fixed_digits(rest, 2, 2, offset_mins)) return std::nullopt;
      } else if (rest.size() != 2) {
        return std::nullopt;
      }
      offset_minutes = (offset_hours * 60 + offset_mins) * (sign == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  return time_point_cast<system_clock::duration>(
      sys_days(*date) + hours(hour) + minutes(minute) + seconds(second) + microseconds(micros) -
      minutes(offset_minutes));
}

}  // namespace detail
}  // namespace sqlmodel
