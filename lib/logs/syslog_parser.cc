// The syslog-family parser: framing, smbd debug headers, dispatch.
#include "logs/syslog_parser.h"

#include "common/lexer.h"
#include "common/text.h"
#include "logs/local_clock.h"
#include "logs/samba_audit.h"
#include "logs/syslog_header.h"
#include "logs/usb_messages.h"

#include <optional>

namespace mamori::logs {

namespace {

class SyslogParser : public LineParser {
 public:
  explicit SyslogParser(ParseContext& ctx)
      : ctx_(ctx),
        clock_(ctx.zone(), ctx.file_time()),
        samba_(ctx),
        usb_(ctx) {}

  void finish() override { usb_.finish(); }

  void parse_line(std::string_view line, uint64_t line_no) override {
    if (trim(line).empty())
      return;
    if (line[0] == '[' && parse_debug_header(line, line_no))
      return;
    if (is_space(line[0])) {
      // The indented message line under an smbd debug header.
      if (debug_time_)
        samba_.handle(*debug_time_, {}, trim(line), line_no);
      return;
    }
    SyslogLine s;
    if (!parse_syslog_line(line, clock_, &s)) {
      ctx_.reject(line_no, "no syslog or smbd timestamp");
      return;
    }
    debug_time_.reset();
    if (s.tag == "smbd_audit") {
      if (!samba_.handle(s.time, s.host, s.message, line_no) &&
          !samba_.handle_legacy(s.time, s.host, s.message, line_no)) {
        ctx_.reject(line_no, "smbd_audit message in no known layout");
      }
      return;
    }
    if (usb_.handle(s.time, s.host, s.tag, s.message, line_no))
      return;
    samba_.handle(s.time, s.host, s.message, line_no);
  }

 private:
  // "[2026/09/23 22:02:29.216096,  1]" (with ", pid=..., ..." in newer
  // smbd) then the message on the same line or the next, indented.
  bool parse_debug_header(std::string_view line, uint64_t line_no) {
    const auto stamp = parse_slash_date_time(line.substr(1));
    const size_t close = line.find(']');
    if (!stamp || close == std::string_view::npos)
      return false;
    debug_time_ = clock_.from_local(stamp->year, stamp->month, stamp->day,
                                    stamp->time.micros_of_day);
    if (!debug_time_) {
      ctx_.reject(line_no, "invalid date in smbd log header");
      return true;
    }
    const std::string_view rest = trim(line.substr(close + 1));
    if (!rest.empty())
      samba_.handle(*debug_time_, {}, rest, line_no);
    return true;
  }

  ParseContext& ctx_;
  LocalClock clock_;
  SambaAudit samba_;
  UsbMessages usb_;
  std::optional<Timestamp> debug_time_;
};

}  // namespace

std::unique_ptr<LineParser> make_syslog_parser(ParseContext& ctx) {
  return std::make_unique<SyslogParser>(ctx);
}

namespace {

// smbd's own debug log: "[2026/09/23 22:02:29.216096,  1] ...".
bool is_smbd_log_header(std::string_view line) {
  return line[0] == '[' && line.size() > 20 && line[5] == '/' &&
         line[8] == '/' && is_digit(line[1]);
}

}  // namespace

Sniff sniff_samba(const LogHead& head) {
  LocalClock clock(Zone::utc(), Timestamp{});
  return first_line(head, [&](std::string_view line) {
    if (is_smbd_log_header(line))
      return true;
    SyslogLine s;
    if (parse_syslog_line(line, clock, &s))
      return s.tag == "smbd_audit" || looks_like_samba_record(s.message);
    return looks_like_samba_record(line);
  });
}

Sniff sniff_syslog(const LogHead& head) {
  LocalClock clock(Zone::utc(), Timestamp{});
  SyslogLine s;
  const bool framed = first_line(head, [&](std::string_view line) {
                        return parse_syslog_line(line, clock, &s);
                      }).has_value();
  return framed ? Sniff(kWeak) : std::nullopt;
}

}  // namespace mamori::logs
