// setupapi.dev.log sections to USB storage attach events.
#include "logs/setupapi_parser.h"

#include "common/text.h"
#include "logs/log_text.h"
#include "logs/syslog_header.h"

#include <set>
#include <unordered_map>

namespace mamori::logs {

namespace {

constexpr LogFormat kFormat = kSetupapiFormat;

struct UsbIds {
  std::string vendor_id, product_id;
};

// "Ven_SanDisk&Prod_Cruzer_Glide&Rev_1.00" field by its prefix.
std::string_view usbstor_part(std::string_view id, std::string_view prefix) {
  for (size_t i = 0; i + prefix.size() <= id.size(); ++i) {
    if ((i == 0 || id[i - 1] == '&') &&
        iequals(id.substr(i, prefix.size()), prefix)) {
      const std::string_view v = id.substr(i + prefix.size());
      return v.substr(0, v.find('&'));
    }
  }
  return {};
}

std::string spaced(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '_')
      c = ' ';
  }
  return std::string(trim(out));
}

class SetupapiParser : public LineParser {
 public:
  explicit SetupapiParser(ParseContext& ctx)
      : ctx_(ctx), clock_(ctx.zone(), ctx.file_time()) {}

  void parse_line(std::string_view line, uint64_t line_no) override {
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF")
      line.remove_prefix(3);
    if (line.substr(0, 5) != ">>>  ")
      return;  // body, boot sessions, ends
    const std::string_view rest = line.substr(5);
    if (rest.substr(0, 1) == "[") {
      start_section(rest, line_no);
    } else if (rest.substr(0, 14) == "Section start ") {
      section_start(rest.substr(14), line_no);
    }
  }

 private:
  void start_section(std::string_view header, uint64_t line_no) {
    section_ = {};
    const size_t close = header.rfind(']');
    if (close == std::string_view::npos) {
      ctx_.reject(line_no, "setupapi section header without its closing ]");
      return;
    }
    header = header.substr(1, close - 1);
    const size_t dash = header.find(" - ");
    if (header.substr(0, 14) != "Device Install" ||
        dash == std::string_view::npos) {
      return;
    }
    section_.id = std::string(header.substr(dash + 3));
    section_.line = line_no;
    remember_usb_ids(section_.id);
  }

  // "USB\VID_0781&PID_5581\4C530001230101108383": hex ids by serial.
  void remember_usb_ids(std::string_view id) {
    if (!iequals(id.substr(0, 8), "USB\\VID_"))
      return;
    const size_t pid = id.find("&PID_");
    const size_t slash = id.find('\\', 4);
    if (pid == std::string_view::npos || slash == std::string_view::npos)
      return;
    UsbIds ids{to_lower(id.substr(8, pid - 8)),
               to_lower(id.substr(pid + 5, slash - pid - 5).substr(0, 4))};
    if (ids_.size() > 4096)
      ids_.clear();
    ids_[to_lower(id.substr(slash + 1))] = std::move(ids);
  }

  void section_start(std::string_view stamp, uint64_t line_no) {
    if (section_.id.empty())
      return;
    // "2016/11/22 23:50:30.938"
    auto num = [&](size_t pos, size_t n) -> int {
      int v = 0;
      if (pos + n > stamp.size())
        return -1;
      for (size_t i = pos; i < pos + n; ++i) {
        if (!is_digit(stamp[i]))
          return -1;
        v = v * 10 + (stamp[i] - '0');
      }
      return v;
    };
    const int y = num(0, 4), mo = num(5, 2), d = num(8, 2);
    const auto tod =
        stamp.size() > 11 ? parse_clock_time(stamp.substr(11)) : std::nullopt;
    std::optional<Timestamp> time;
    if (y >= 0 && mo >= 0 && d >= 0 && tod)
      time = clock_.from_local(y, mo, d, tod->first);
    if (!time) {
      ctx_.reject(line_no, "setupapi section start without a valid time");
      section_ = {};
      return;
    }
    emit_if_storage(*time);
    section_ = {};
  }

  void emit_if_storage(Timestamp time) {
    // The USBSTOR id, plain ("USBSTOR\Disk&...\SERIAL&0") or embedded with
    // '#' separators ("..._??_USBSTOR#Disk&...#SERIAL&0#{guid}").
    std::string_view id = section_.id;
    const size_t at = [&] {
      for (size_t i = 0; i + 8 <= id.size(); ++i) {
        if (iequals(id.substr(i, 8), "USBSTOR\\") ||
            iequals(id.substr(i, 8), "USBSTOR#")) {
          return i;
        }
      }
      return std::string_view::npos;
    }();
    if (at == std::string_view::npos)
      return;
    const char sep = id[at + 7];
    id = id.substr(at + 8);
    const size_t end = id.find(sep);
    const std::string_view disk = id.substr(0, end);
    std::string_view serial =
        end == std::string_view::npos ? std::string_view{} : id.substr(end + 1);
    serial = serial.substr(0, serial.find(sep == '#' ? '#' : '\\'));
    // "SERIAL&0": the trailing &LUN is not part of the serial.
    if (const size_t amp = serial.rfind('&'); amp != std::string_view::npos &&
                                              amp + 2 == serial.size() &&
                                              is_digit(serial.back())) {
      serial = serial.substr(0, amp);
    }
    const bool generated = serial.size() > 1 && serial[1] == '&';
    const std::string serial_key = to_lower(serial);
    if (!serial_key.empty()) {
      if (!seen_.insert(serial_key).second)
        return;
      if (seen_.size() > 4096)
        seen_.clear();
    }
    Event e = ctx_.make_event(kFormat, section_.line);
    e.time = time;
    e.action = Action::kDeviceAttach;
    e.device.bus = "usb";
    if (!generated)
      e.device.serial = std::string(serial);
    std::string label = spaced(usbstor_part(disk, "Ven_"));
    const std::string product = spaced(usbstor_part(disk, "Prod_"));
    append_word(label, product);
    e.device.label = label;
    if (auto it = ids_.find(serial_key); it != ids_.end()) {
      e.device.vendor_id = it->second.vendor_id;
      e.device.product_id = it->second.product_id;
    }
    ctx_.emit(std::move(e));
  }

  struct Section {
    std::string id;
    uint64_t line = 0;
  };

  ParseContext& ctx_;
  LocalClock clock_;
  Section section_;
  std::unordered_map<std::string, UsbIds> ids_;  // lower-case serial
  std::set<std::string> seen_;
};

}  // namespace

std::unique_ptr<LineParser> make_setupapi_parser(ParseContext& ctx) {
  return std::make_unique<SetupapiParser>(ctx);
}

}  // namespace mamori::logs
