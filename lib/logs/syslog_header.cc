// Syslog header styles: RFC 3164 (yearless, through LocalClock), RFC 5424
// and ISO stamps, each with an optional <PRI>.
#include "logs/syslog_header.h"

#include "common/lexer.h"
#include "common/text.h"

namespace mamori::logs {

namespace {

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
  const auto day = read_digits(s, pos, 2);
  if (!day || pos >= s.size() || s[pos] != ' ')
    return false;
  auto clock_time = parse_clock_time(s.substr(pos + 1));
  if (!clock_time)
    return false;
  pos += 1 + clock_time->length;
  if (pos < s.size() && s[pos] != ' ')
    return false;
  auto time = clock.from_yearless(month, *day, clock_time->micros_of_day);
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
