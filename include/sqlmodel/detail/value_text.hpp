// The text forms of values that travel as text on both dialects and in JSON: timestamps,
// dates, and the scalars inside arrays. One definition each, so the SQLite and PostgreSQL
// codecs and to_json/from_json agree.
//
// Timestamps: "YYYY-MM-DD HH:MM:SS.ffffff+00:00", UTC, microseconds. PostgreSQL reads the
// offset (timestamptz stores the instant; timestamp drops the offset, leaving UTC), SQLite's
// date functions accept it, and the fixed width keeps text order = time order. Reading
// accepts a 'T' or ' ' separator, 0-9 fractional digits, and Z, +HH, +HH:MM, +HHMM or no
// offset (UTC): what PostgreSQL prints in any session time zone, and what other tools write.
//
// Durations (std::chrono::duration members, kept to the microsecond):
//   PostgreSQL INTERVAL  written as "<n> microseconds"; read in the 'postgres' IntervalStyle
//                        (the default: "1 day 02:03:04.5", "-00:00:05", "1 year 2 mons") and in
//                        'iso_8601' ("P1DT2H3M4.5S"). A month counts 30 days and a year 365.25,
//                        as PostgreSQL's EXTRACT(EPOCH FROM ...) does.
//   SQLite               what SQLAlchemy's Interval stores where there is no INTERVAL type: the
//                        DATETIME that far after 1970-01-01, "1970-01-01 00:00:05.000000" for
//                        five seconds (a Python service reads it back as the same timedelta).
//   JSON                 ISO 8601, as Pydantic writes a timedelta: "PT5S", "P1DT2H", "-PT0.5S";
//                        a number of seconds is read too.
#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

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

// ---- durations -------------------------------------------------------------------------------

// Reads an unsigned decimal with an optional fraction at `at`: the whole part, and the fraction
// in microseconds (digits past the sixth truncated). False when there is no digit.
inline bool parse_decimal_micros(std::string_view text, std::size_t& at, long long& whole, long long& micros) {
  whole = 0;
  micros = 0;
  std::size_t start = at;
  for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
    if (whole > (std::numeric_limits<long long>::max() - 9) / 10) return false;
    whole = whole * 10 + (text[at] - '0');
  }
  bool digits = at > start;
  if (at < text.size() && text[at] == '.') {
    ++at;
    int fraction_digits = 0;
    for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++fraction_digits) {
      digits = true;
      if (fraction_digits < 6) micros = micros * 10 + (text[at] - '0');
    }
    for (int i = fraction_digits; i < 6; ++i) micros *= 10;
  }
  return digits;
}

constexpr long long micros_per_second = 1'000'000;
constexpr long long micros_per_day = 86'400 * micros_per_second;

// a * b + c without overflow; nullopt when it does not fit.
inline std::optional<long long> scaled_add(long long a, long long b, long long c) {
  long long product = 0, sum = 0;
  if (__builtin_mul_overflow(a, b, &product) || __builtin_add_overflow(product, c, &sum)) return std::nullopt;
  return sum;
}

// "P1DT2H3M4.5S" (each field may carry its own sign, as PostgreSQL's iso_8601 style writes
// them; Y and M before the T are calendar units: a year of 365.25 days, a month of 30 when
// `calendar_units`).
inline std::optional<long long> parse_iso8601_duration_micros(std::string_view text, bool calendar_units) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.size() < 2 || text[0] != 'P') return std::nullopt;
  std::size_t at = 1;
  bool in_time = false, any = false;
  long long total = 0;
  while (at < text.size()) {
    if (text[at] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++at;
      continue;
    }
    bool field_negative = false;
    if (text[at] == '-' || text[at] == '+') field_negative = text[at++] == '-';
    long long whole = 0, micros = 0;
    if (!parse_decimal_micros(text, at, whole, micros) || at >= text.size()) return std::nullopt;
    const char unit = text[at++];
    std::optional<long long> part;
    if (!in_time && unit == 'Y' && calendar_units && micros == 0) part = scaled_add(whole, micros_per_day * 36525 / 100, 0);
    else if (!in_time && unit == 'M' && calendar_units && micros == 0) part = scaled_add(whole, 30 * micros_per_day, 0);
    else if (!in_time && unit == 'W' && micros == 0) part = scaled_add(whole, 7 * micros_per_day, 0);
    else if (!in_time && unit == 'D' && micros == 0) part = scaled_add(whole, micros_per_day, 0);
    else if (in_time && unit == 'H' && micros == 0) part = scaled_add(whole, 3600 * micros_per_second, 0);
    else if (in_time && unit == 'M' && micros == 0) part = scaled_add(whole, 60 * micros_per_second, 0);
    else if (in_time && unit == 'S') part = scaled_add(whole, micros_per_second, micros);
    if (!part) return std::nullopt;
    if (__builtin_add_overflow(total, field_negative ? -*part : *part, &total)) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return negative ? -total : total;
}

// "<n> microseconds": PostgreSQL keeps it in the interval's time part, exactly.
inline std::string format_interval_postgres(std::chrono::microseconds value) {
  return std::to_string(value.count()) + " microseconds";
}

// An INTERVAL as PostgreSQL prints it ('postgres' or 'iso_8601' IntervalStyle); nullopt for
// anything else (the 'sql_standard' and 'postgres_verbose' styles included).
inline std::optional<std::chrono::microseconds> parse_interval_postgres(std::string_view text) {
  if (!text.empty() && (text[0] == 'P' || ((text[0] == '-' || text[0] == '+') && text.size() > 1 && text[1] == 'P'))) {
    auto micros = detail::parse_iso8601_duration_micros(text, /*calendar_units=*/true);
    if (!micros) return std::nullopt;
    return std::chrono::microseconds(*micros);
  }
  long long total = 0;
  std::size_t at = 0;
  bool any = false;
  while (at < text.size()) {
    if (text[at] == ' ') {
      ++at;
      continue;
    }
    bool negative = false;
    if (text[at] == '-' || text[at] == '+') negative = text[at++] == '-';
    std::size_t number_start = at;
    long long whole = 0, micros = 0;
    if (!detail::parse_decimal_micros(text, at, whole, micros)) return std::nullopt;
    std::optional<long long> part;
    if (at < text.size() && text[at] == ':') {
      // [-]HH:MM:SS[.ffffff]; hours may exceed 24.
      long long hours = 0, minutes = 0, seconds = 0, fraction = 0, ignored = 0;
      at = number_start;
      if (!detail::parse_decimal_micros(text, at, hours, ignored) || ignored != 0 ||
          at >= text.size() || text[at++] != ':')
        return std::nullopt;
      if (!detail::parse_decimal_micros(text, at, minutes, ignored) || ignored != 0 || minutes > 59 ||
          at >= text.size() || text[at++] != ':')
        return std::nullopt;
      if (!detail::parse_decimal_micros(text, at, seconds, fraction) || seconds > 59) return std::nullopt;
      part = detail::scaled_add(hours, 3600 * detail::micros_per_second,
                                (minutes * 60 + seconds) * detail::micros_per_second + fraction);
    } else {
      if (micros != 0 || at >= text.size() || text[at] != ' ') return std::nullopt;
      std::size_t unit_start = ++at;
      while (at < text.size() && text[at] != ' ') ++at;
      std::string_view unit = text.substr(unit_start, at - unit_start);
      if (unit == "year" || unit == "years") part = detail::scaled_add(whole, detail::micros_per_day * 36525 / 100, 0);
      else if (unit == "mon" || unit == "mons") part = detail::scaled_add(whole, 30 * detail::micros_per_day, 0);
      else if (unit == "day" || unit == "days") part = detail::scaled_add(whole, detail::micros_per_day, 0);
      else return std::nullopt;
    }
    if (!part || __builtin_add_overflow(total, negative ? -*part : *part, &total)) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return std::chrono::microseconds(total);
}

// The DATETIME `value` after 1970-01-01 00:00:00, as SQLAlchemy's Interval stores it on SQLite:
// "1970-01-01 00:00:05.000000". Throws std::out_of_range beyond the years 0001-9999.
inline std::string format_interval_sqlite(std::chrono::microseconds value) {
  using namespace std::chrono;
  constexpr long long limit = 8'000LL * 365 * 86'400 * 1'000'000;  // inside 0001..9999 from 1970
  if (value.count() > limit || value.count() < -limit / 4)
    throw std::out_of_range("a duration of " + std::to_string(value.count()) +
                            " microseconds does not fit SQLite's DATETIME form (years 0001-9999 "
                            "from 1970-01-01)");
  std::string text = format_timestamp(system_clock::time_point(duration_cast<system_clock::duration>(value)));
  text.resize(text.size() - 6);  // no offset: SQLAlchemy writes a naive DATETIME
  return text;
}

// SQLAlchemy's DATETIME form back to the duration; a plain number is read as seconds too.
inline std::optional<std::chrono::microseconds> parse_interval_sqlite(std::string_view text) {
  using namespace std::chrono;
  if (auto time = parse_timestamp(text))
    return duration_cast<microseconds>(time->time_since_epoch());
  std::size_t at = 0;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) at = 1;
  long long whole = 0, micros = 0;
  if (!detail::parse_decimal_micros(text, at, whole, micros) || at != text.size()) return std::nullopt;
  auto total = detail::scaled_add(whole, detail::micros_per_second, micros);
  if (!total) return std::nullopt;
  return microseconds(negative ? -*total : *total);
}

// ISO 8601, as Pydantic writes a timedelta: "PT0S", "P2DT3H4M5.25S", "-PT30S".
inline std::string format_interval_iso8601(std::chrono::microseconds value) {
  using namespace std::chrono;
  std::string text = value.count() < 0 ? "-P" : "P";
  unsigned long long micros = value.count() < 0 ? 0ULL - static_cast<unsigned long long>(value.count())
                                                : static_cast<unsigned long long>(value.count());
  const unsigned long long day = static_cast<unsigned long long>(detail::micros_per_day);
  if (micros >= day) text += std::to_string(micros / day) + "D";
  micros %= day;
  text += "T";
  const unsigned long long hour = 3600ULL * 1'000'000, minute = 60ULL * 1'000'000;
  if (micros >= hour) text += std::to_string(micros / hour) + "H";
  micros %= hour;
  if (micros >= minute) text += std::to_string(micros / minute) + "M";
  micros %= minute;
  if (micros != 0 || text.back() == 'T') {
    text += std::to_string(micros / 1'000'000);
    if (micros % 1'000'000 != 0) {
      char fraction[8];
      std::snprintf(fraction, sizeof fraction, ".%06llu", micros % 1'000'000);
      std::string digits(fraction);
      while (digits.back() == '0') digits.pop_back();
      text += digits;
    }
    text += "S";
  }
  if (text.back() == 'T') text.pop_back();
  return text;
}

inline std::optional<std::chrono::microseconds> parse_interval_iso8601(std::string_view text) {
  auto micros = detail::parse_iso8601_duration_micros(text, /*calendar_units=*/false);
  if (!micros) return std::nullopt;
  return std::chrono::microseconds(*micros);
}

// `micros` as a D, when D holds it exactly (a duration in whole seconds does not hold 1.5 s).
template <typename D>
std::optional<D> duration_from_micros(std::chrono::microseconds micros) {
  using namespace std::chrono;
  if constexpr (std::is_floating_point_v<typename D::rep>) {
    return duration_cast<D>(duration<double, std::micro>(static_cast<double>(micros.count())));
  } else {
    const D converted = duration_cast<D>(micros);
    if (duration_cast<microseconds>(converted) != micros) return std::nullopt;
    return converted;
  }
}

// D as microseconds (the plugin refuses integer durations finer than that; a floating one
// rounds to the nearest microsecond).
template <typename D>
std::chrono::microseconds duration_to_micros(D value) {
  using namespace std::chrono;
  if constexpr (std::is_floating_point_v<typename D::rep>)
    return round<microseconds>(duration<double, std::micro>(value));
  else
    return duration_cast<microseconds>(value);
}

}  // namespace detail
}  // namespace sqlmodel
