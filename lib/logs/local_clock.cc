// LocalClock: year inference and the cached UTC offset per local hour.
#include "logs/local_clock.h"

namespace mamori::logs {

namespace {

using std::chrono::microseconds;

constexpr int64_t kMicrosPerHour = 3600LL * 1000000;

}  // namespace

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

}  // namespace mamori::logs
