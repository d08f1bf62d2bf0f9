// The shared lexers: exact widths, no signs or spaces, fractions truncated
// to microseconds, the slash date layout of smbd and setupapi.
#include "common/lexer.h"

#include <doctest/doctest.h>

using namespace mamori;

TEST_CASE("fixed_digits: exactly n digits at a position") {
  CHECK(fixed_digits("2026-03-27", 0, 4) == 2026);
  CHECK(fixed_digits("2026-03-27", 5, 2) == 3);
  CHECK(fixed_digits("2026-03-27", 8, 2) == 27);
  CHECK(!fixed_digits("2026-03-27", 3, 2));  // "6-"
  CHECK(!fixed_digits("2026-03-27", 9, 2));  // runs past the end
  CHECK(!fixed_digits("12", 3, 1));          // starts past the end
  CHECK(!fixed_digits("+1", 0, 2));          // no sign
  CHECK(!fixed_digits(" 1", 0, 2));          // no space
  CHECK(fixed_digits("", 0, 0) == 0);
}

TEST_CASE("hex_number: masks as smbd and Windows write them") {
  CHECK(hex_number("0x12019f") == 0x12019f);
  CHECK(hex_number("0X10000") == 0x10000);
  CHECK(hex_number("80000000") == 0x80000000);
  CHECK(hex_number("ffffffffffffffff") == UINT64_MAX);
  CHECK(!hex_number("10000000000000000"));  // over 64 bits
  CHECK(!hex_number(""));
  CHECK(!hex_number("0x"));
  CHECK(!hex_number("0x1g"));
  CHECK(!hex_number(" 0x1"));
}

TEST_CASE("fraction_micros: digits past the sixth are dropped") {
  size_t pos = 0;
  CHECK(fraction_micros("5", pos) == 500000);
  CHECK(pos == 1);
  pos = 0;
  CHECK(fraction_micros("123456789Z", pos) == 123456);
  CHECK(pos == 9);
  pos = 2;
  CHECK(fraction_micros("x.938 ", pos) == 938000);
  CHECK(pos == 5);
  pos = 1;
  CHECK(!fraction_micros(".Z", pos));
  CHECK(pos == 1);  // unmoved
}

TEST_CASE("parse_clock_time: HH:MM:SS and an optional fraction") {
  auto t = parse_clock_time("23:50:30.938 rest");
  REQUIRE(t);
  CHECK(t->micros_of_day == ((23 * 60 + 50) * 60 + 30) * 1000000LL + 938000);
  CHECK(t->length == 12);
  t = parse_clock_time("09:56:57,5");
  REQUIRE(t);
  CHECK(t->micros_of_day == ((9 * 60 + 56) * 60 + 57) * 1000000LL + 500000);
  // A separator without digits is not part of the time.
  t = parse_clock_time("09:56:57. host");
  REQUIRE(t);
  CHECK(t->length == 8);
  CHECK(parse_clock_time("23:59:60")->micros_of_day % 1000000 == 0);  // leap
  CHECK(!parse_clock_time("24:00:00"));
  CHECK(!parse_clock_time("12:60:00"));
  CHECK(!parse_clock_time("12:00"));
  CHECK(!parse_clock_time("12-00-00"));
}

TEST_CASE("parse_slash_date_time: the smbd and setupapi layout") {
  auto t = parse_slash_date_time("2016/11/22 23:50:30.938]");
  REQUIRE(t);
  CHECK(t->year == 2016);
  CHECK(t->month == 11);
  CHECK(t->day == 22);
  CHECK(t->time.micros_of_day ==
        ((23 * 60 + 50) * 60 + 30) * 1000000LL + 938000);
  CHECK(t->length == 23);
  CHECK(parse_slash_date_time("2026/09/23 22:02:29.216096,  1]")->length == 26);
  CHECK(!parse_slash_date_time("2016-11-22 23:50:30"));
  CHECK(!parse_slash_date_time("2016/11/22T23:50:30"));
  CHECK(!parse_slash_date_time("2016/11/22 23:50"));
  CHECK(!parse_slash_date_time("2016/1x/22 23:50:30"));
}

TEST_CASE("read_digits: one to max digits, as many as there are") {
  const std::string_view us = "9/20/2023 4:05:03 AM";
  size_t pos = 0;
  CHECK(read_digits(us, pos, 4) == 9);
  CHECK(pos == 1);
  pos = 2;
  CHECK(read_digits(us, pos, 4) == 20);
  pos = 5;
  CHECK(read_digits(us, pos, 2) == 20);  // at most two: "20" of "2023"
  CHECK(pos == 7);
  pos = 1;
  CHECK(!read_digits(us, pos, 4));  // '/'
  CHECK(pos == 1);
  pos = us.size();
  CHECK(!read_digits(us, pos, 4));  // at the end
}
