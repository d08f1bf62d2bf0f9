// Syslog header styles and the year inference of RFC 3164 lines.
#include "logs/syslog_header.h"

#include "common/text.h"

namespace mamori::logs {

namespace {

using std::chrono::microseconds;

constexpr int64_t kMicrosPerHour = 3600LL * 1000000;

int two_digits(std::string_view s, size_t pos) {
  if (pos + 2 > s.size() || !is_digit(s[pos]) || !is_digit(s[pos + 1])) {
    return -1;
  }
  return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
}

std::string_view next_token(std::string_view& rest) {
  const size_t end = rest.find(' ');
  const std::string_view token = rest.substr(0, end);
  rest =
      end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return token;
}

// "tag[pid]: message" or "tag: message"; anything else is all message.
void split_tag(std::string_view rest, SyslogLine* out) {
  size_t i = 0;
  while (i < rest.size() && rest[i] != ':' && rest[i] != '[' &&
         rest[i] != ' ') {
    ++i;
  }
  if (i == 0 || i == rest.size() || rest[i] == ' ') {
    out->tag = {};
    out->message = rest;
    return;
  }
  out->tag = rest.substr(0, i);
  if (rest[i] == '[') {
    const size_t close = rest.find(']', i);
    if (close == std::string_view::npos) {
      out->message = rest;
      out->tag = {};
      return;
    }
    i = close + 1;
  }
  if (i < rest.size() && rest[i] == ':')
    ++i;
  if (i < rest.size() && rest[i] == ' ')
    ++i;
  out->message = rest.substr(i);
}

// The host of RFC 3164 and ISO styles; absent when the token is the tag.
void split_host_and_tag(std::string_view rest, SyslogLine* out) {
  const size_t space = rest.find(' ');
  const std::string_view first = rest.substr(0, space);
  if (!first.empty() && first.back() != ':' &&
      first.find('[') == std::string_view::npos &&
      space != std::string_view::npos) {
    out->host = first;
    split_tag(rest.substr(space + 1), out);
  } else {
    out->host = {};
    split_tag(rest, out);
  }
}

bool parse_rfc3164(std::string_view s, LocalClock& clock, SyslogLine* out) {
  // "Mmm dd HH:MM:SS " with the day space-padded ("Nov  9") or not.
  if (s.size() < 16 || s[3] != ' ')
    return false;
  const int month = parse_month_abbrev(s.substr(0, 3));
  if (month == 0)
    return false;
  size_t pos = 4;
  if (s[pos] == ' ')
    ++pos;
  int day = 0;
  size_t digits = 0;
  while (pos < s.size() && is_digit(s[pos]) && digits < 2) {
    day = day * 10 + (s[pos++] - '0');
    ++digits;
  }
  if (digits == 0 || pos >= s.size() || s[pos] != ' ')
    return false;
  auto clock_time = parse_clock_time(s.substr(pos + 1));
  if (!clock_time)
    return false;
  pos += 1 + clock_time->second;
  if (pos < s.size() && s[pos] != ' ')
    return false;
  auto time = clock.from_yearless(month, day, clock_time->first);
  if (!time)
    return false;
  out->time = *time;
  split_host_and_tag(pos < s.size() ? s.substr(pos + 1) : std::string_view{},
                     out);
  return true;
}

bool parse_iso(std::string_view s, LocalClock& clock, SyslogLine* out) {
  std::string_view rest = s;
  const std::string_view stamp = next_token(rest);
  if (stamp.size() < 19 || stamp[4] != '-' || stamp[10] != 'T')
    return false;
  auto time = parse_timestamp(stamp, clock.zone());
  if (!time)
    return false;
  out->time = *time;
  split_host_and_tag(rest, out);
  return true;
}

bool parse_rfc5424(std::string_view s, LocalClock& clock, SyslogLine* out) {
  // "1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]"
  if (s.size() < 2 || s[0] != '1' || s[1] != ' ')
    return false;
  std::string_view rest = s.substr(2);
  const std::string_view stamp = next_token(rest);
  auto time = parse_timestamp(stamp, clock.zone());
  if (!time)
    return false;
  out->time = *time;
  const std::string_view host = next_token(rest);
  const std::string_view app = next_token(rest);
  next_token(rest);  // procid
  next_token(rest);  // msgid
  out->host = host == "-" ? std::string_view{} : host;
  out->tag = app == "-" ? std::string_view{} : app;
  // Structured data: "-" or one or more "[id k="v" ...]" with \] escapes.
  if (!rest.empty() && rest[0] == '-') {
    rest.remove_prefix(1);
  } else {
    while (!rest.empty() && rest[0] == '[') {
      size_t i = 1;
      while (i < rest.size() && rest[i] != ']')
        i += rest[i] == '\\' ? 2 : 1;
      rest.remove_prefix(std::min(i + 1, rest.size()));
    }
  }
  if (!rest.empty() && rest[0] == ' ')
    rest.remove_prefix(1);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF")
    rest.remove_prefix(3);
  out->message = rest;
  return true;
}

}  // namespace

int parse_month_abbrev(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                                 "May", "Jun", "Jul", "Aug",
                                                 "Sep", "Oct", "Nov", "Dec"};
  if (name.size() != 3)
    return 0;
  for (int i = 0; i < 12; ++i) {
    if (iequals(kMonths[i], name))
      return i + 1;
  }
  return 0;
}

std::optional<std::pair<int64_t, size_t>> parse_clock_time(std::string_view s) {
  if (s.size() < 8 || s[2] != ':' || s[5] != ':')
    return std::nullopt;
  const int h = two_digits(s, 0), m = two_digits(s, 3), sec = two_digits(s, 6);
  if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60) {
    return std::nullopt;
  }
  int64_t micros = ((h * 60LL + m) * 60 + sec) * 1000000;
  size_t pos = 8;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',') &&
      pos + 1 < s.size() && is_digit(s[pos + 1])) {
    ++pos;
    int64_t frac = 0;
    int scale = 0;
    while (pos < s.size() && is_digit(s[pos])) {
      if (scale < 6) {
        frac = frac * 10 + (s[pos] - '0');
        ++scale;
      }
      ++pos;
    }
    for (; scale < 6; ++scale)
      frac *= 10;
    micros += frac;
  }
  return std::make_pair(micros, pos);
}

LocalClock::LocalClock(const Zone& zone, Timestamp file_time) : zone_(zone) {
  const auto local = zone.to_local(file_time);
  const date::year_month_day ymd(std::chrono::floor<date::days>(local));
  file_year_ = static_cast<int>(ymd.year());
  file_month_ = static_cast<int>(static_cast<unsigned>(ymd.month()));
}

std::optional<Timestamp> LocalClock::from_yearless(int month, int day,
                                                   int64_t micros_of_day) {
  int year;
  if (last_month_ == 0) {
    year_ = month > file_month_ ? file_year_ - 1 : file_year_;
    last_month_ = month;
    year = year_;
  } else if (month + 6 < last_month_) {
    year = ++year_;
    last_month_ = month;
  } else if (month > last_month_ + 6) {
    year = year_ - 1;
  } else {
    year = year_;
    last_month_ = month;
  }
  return from_local(year, month, day, micros_of_day);
}

std::optional<Timestamp> LocalClock::from_local(int year, int month, int day,
                                                int64_t micros_of_day) {
  const date::year_month_day ymd{date::year(year),
                                 date::month(static_cast<unsigned>(month)),
                                 date::day(static_cast<unsigned>(day))};
  if (!ymd.ok())
    return std::nullopt;
  const LocalTime local(date::local_days(ymd).time_since_epoch() +
                        microseconds(micros_of_day));
  return to_utc(local);
}

Timestamp LocalClock::to_utc(LocalTime local) {
  const int64_t micros = local.time_since_epoch().count();
  const int64_t hour = micros >= 0
                           ? micros / kMicrosPerHour
                           : (micros - kMicrosPerHour + 1) / kMicrosPerHour;
  if (hour != cached_hour_) {
    cached_hour_ = hour;
    cached_offset_ =
        zone_.to_utc(local).time_since_epoch() - local.time_since_epoch();
  }
  return Timestamp(local.time_since_epoch() + cached_offset_);
}

bool parse_syslog_line(std::string_view line, LocalClock& clock,
                       SyslogLine* out) {
  std::string_view s = line;
  if (!s.empty() && s[0] == '<') {  // <PRI>
    size_t i = 1;
    while (i < s.size() && i < 5 && is_digit(s[i]))
      ++i;
    if (i == 1 || i >= s.size() || s[i] != '>')
      return false;
    s.remove_prefix(i + 1);
  }
  if (s.empty())
    return false;
  if (is_digit(s[0])) {
    return parse_rfc5424(s, clock, out) || parse_iso(s, clock, out);
  }
  return parse_rfc3164(s, clock, out);
}

}  // namespace mamori::logs
