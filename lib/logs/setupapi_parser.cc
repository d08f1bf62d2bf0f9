// setupapi.dev.log sections to USB storage attach events.
#include "logs/setupapi_parser.h"

#include "common/lexer.h"
#include "common/text.h"
#include "logs/bounded_map.h"
#include "logs/device_instance_id.h"
#include "logs/local_clock.h"
#include "logs/log_text.h"

namespace mamori::logs {

namespace {

constexpr LogFormat kFormat = kSetupapiFormat;

struct UsbIds {
  std::string vendor_id, product_id;
};

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
  void remember_usb_ids(std::string_view text) {
    const auto id = parse_device_instance_id(text);
    if (!id || id->is_storage() || !id->is_usb() || id->instance.empty())
      return;
    UsbIds ids{id->vendor_id(), id->product_id()};
    if (ids.vendor_id.empty() || ids.product_id.empty())
      return;
    ids_[to_lower(id->instance)] = std::move(ids);
  }

  void section_start(std::string_view stamp_text, uint64_t line_no) {
    if (section_.id.empty())
      return;
    // "2016/11/22 23:50:30.938"
    const auto stamp = parse_slash_date_time(stamp_text);
    std::optional<Timestamp> time;
    if (stamp) {
      time = clock_.from_local(stamp->year, stamp->month, stamp->day,
                               stamp->time.micros_of_day);
    }
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
    const auto id = find_usbstor_id(section_.id);
    if (!id)
      return;
    const std::string serial_key = to_lower(id->instance);
    if (!serial_key.empty() && !seen_.insert(serial_key))
      return;
    Event e = ctx_.make_event(kFormat, section_.line);
    e.time = time;
    e.action = Action::kDeviceAttach;
    e.device.bus = "usb";
    e.device.storage = Storage::kRemovable;
    e.device.serial = std::string(id->serial());
    e.device.label = id->label();
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
  BoundedMap<std::string, UsbIds> ids_;  // by lower-case serial
  BoundedSet<std::string> seen_;         // serials already reported
};

}  // namespace

std::unique_ptr<LineParser> make_setupapi_parser(ParseContext& ctx) {
  return std::make_unique<SetupapiParser>(ctx);
}

Sniff sniff_setupapi(const LogHead& head) {
  return at_start_if(head.start.substr(0, 20) == "[Device Install Log]" ||
                     head.start.substr(0, 14) == "[Boot Session:" ||
                     head.start.substr(0, 5) == ">>>  ");
}

}  // namespace mamori::logs
