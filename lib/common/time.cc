// Time zones (TZ, the machine's zone, IANA names) and timestamp parsing and
// formatting; every Timestamp is UTC, local times are converted on the way in.
#include "common/time.h"

#include "common/lexer.h"
#include "common/text.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <cstdlib>

namespace mamori {

Zone Zone::machine() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    std::string_view name = tz;
    if (name.front() == ':')
      name.remove_prefix(1);
    if (auto zone = find(name))
      return *zone;
  }
  try {
    return Zone(date::current_zone());
  } catch (const std::exception&) {
    return utc();
  }
}

std::optional<Zone> Zone::find(std::string_view name) {
  if (name == "UTC" || name == "Etc/UTC" || name == "Z")
    return utc();
  try {
    return Zone(date::locate_zone(std::string(name)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Timestamp Zone::to_utc(LocalTime local) const {
  if (tz_ == nullptr)
    return Timestamp(local.time_since_epoch());
  return tz_->to_sys(local, date::choose::earliest);
}

LocalTime Zone::to_local(Timestamp utc) const {
  if (tz_ == nullptr)
    return LocalTime(utc.time_since_epoch());
  return tz_->to_local(utc);
}

std::string Zone::name() const {
  return tz_ == nullptr ? "UTC" : std::string(tz_->name());
}

std::string format_local(Timestamp t, const Zone& zone) {
  using namespace std::chrono;
  const LocalTime local = zone.to_local(t);
  const auto offset =
      duration_cast<minutes>(local.time_since_epoch() - t.time_since_epoch());
  const auto day = floor<date::days>(local);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss hms(floor<seconds>(local - day));
  const int64_t off = std::abs(offset.count());
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} {}{:02}:{:02}",
                     static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(),
                     offset.count() < 0 ? '-' : '+', off / 60, off % 60);
}

std::string format_rfc3339(Timestamp t) {
  const auto day = std::chrono::floor<date::days>(t);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss hms(t - day);
  // Written digit by digit: every event of `mamori events` passes here.
  char buf[32];
  char* p = buf;
  auto put = [&p](int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      p[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    p += width;
  };
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {  // outside RFC 3339; still shown
    return fmt::format("{}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year,
                       static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
  }
  put(year, 4);
  *p++ = '-';
  put(static_cast<unsigned>(ymd.month()), 2);
  *p++ = '-';
  put(static_cast<unsigned>(ymd.day()), 2);
  *p++ = 'T';
  put(hms.hours().count(), 2);
  *p++ = ':';
  put(hms.minutes().count(), 2);
  *p++ = ':';
  put(hms.seconds().count(), 2);
  if (auto micros = hms.subseconds().count(); micros != 0) {
    *p++ = '.';
    put(micros, 6);
    while (p[-1] == '0')
      --p;
  }
  *p++ = 'Z';
  return std::string(buf, p);
}

std::string format_date(Days d) {
  const date::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

namespace {

std::optional<Days> civil_day(int y, int m, int d) {
  const date::year_month_day ymd{date::year(y),
                                 date::month(static_cast<unsigned>(m)),
                                 date::day(static_cast<unsigned>(d))};
  if (!ymd.ok())
    return std::nullopt;
  return Days(ymd);
}

}  // namespace

std::optional<Days> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  auto y = fixed_digits(text, 0, 4), m = fixed_digits(text, 5, 2),
       d = fixed_digits(text, 8, 2);
  if (!y || !m || !d)
    return std::nullopt;
  return civil_day(*y, *m, *d);
}

std::optional<Timestamp> parse_timestamp(std::string_view s, const Zone& zone) {
  using namespace std::chrono;
  if (s.size() < 10)
    return std::nullopt;
  auto day = parse_date(s.substr(0, 10));
  if (!day)
    return std::nullopt;
  microseconds tod{0};
  size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    auto hh = fixed_digits(s, pos + 1, 2);
    if (!hh || pos + 3 >= s.size() || s[pos + 3] != ':')
      return std::nullopt;
    auto mm = fixed_digits(s, pos + 4, 2);
    if (!mm)
      return std::nullopt;
    int ss = 0;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      auto sec = fixed_digits(s, pos + 1, 2);
      if (!sec)
        return std::nullopt;
      ss = *sec;
      pos += 3;
    }
    if (*hh > 23 || *mm > 59 || ss > 60)
      return std::nullopt;
    tod = hours(*hh) + minutes(*mm) + seconds(ss);
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const auto frac = fraction_micros(s, pos);
      if (!frac)
        return std::nullopt;
      tod += microseconds(*frac);
    }
  }
  const LocalTime local(day->time_since_epoch() + tod);
  if (pos == s.size())
    return zone.to_utc(local);
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size())
      return std::nullopt;
    return Timestamp(local.time_since_epoch());
  }
  if (s[pos] != '+' && s[pos] != '-')
    return std::nullopt;
  const int sign = s[pos] == '-' ? -1 : 1;
  auto oh = fixed_digits(s, pos + 1, 2);
  if (!oh)
    return std::nullopt;
  size_t mpos = pos + 3;
  if (mpos < s.size() && s[mpos] == ':')
    ++mpos;
  auto om = fixed_digits(s, mpos, 2);
  if (!om || mpos + 2 != s.size() || *oh > 23 || *om > 59) {
    return std::nullopt;
  }
  const minutes offset = sign * (hours(*oh) + minutes(*om));
  return Timestamp(local.time_since_epoch() - offset);
}

int days_between(Timestamp t, Days d) {
  const auto day = std::chrono::floor<date::days>(t);
  return static_cast<int>((d - day).count());
}

}  // namespace mamori
