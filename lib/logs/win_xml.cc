// Event XML reading and the winxml stream parser.
#include "logs/win_xml.h"

#include "common/lexer.h"
#include "common/text.h"

#include <charconv>

namespace mamori::logs {

namespace {

constexpr size_t kMaxEventBytes = 4 << 20;

// Appends `s` with the five XML entities and character references decoded.
void append_unescaped(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    const size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out->append(s.substr(i));
      return;
    }
    out->append(s.substr(i, amp - i));
    const size_t semi = s.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 10) {
      out->push_back('&');
      i = amp + 1;
      continue;
    }
    const std::string_view name = s.substr(amp + 1, semi - amp - 1);
    if (name == "amp") {
      out->push_back('&');
    } else if (name == "lt") {
      out->push_back('<');
    } else if (name == "gt") {
      out->push_back('>');
    } else if (name == "quot") {
      out->push_back('"');
    } else if (name == "apos") {
      out->push_back('\'');
    } else if (!name.empty() && name[0] == '#') {
      uint32_t cp = 0;
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      const std::string_view digits = name.substr(hex ? 2 : 1);
      const auto [end, ec] = std::from_chars(
          digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec != std::errc() || end != digits.data() + digits.size() ||
          cp > 0x10FFFF) {
        out->append(s.substr(amp, semi - amp + 1));
      } else if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else if (cp < 0x10000) {
        out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    } else {
      out->append(s.substr(amp, semi - amp + 1));
    }
    i = semi + 1;
  }
}

// The value of attribute `name` in a start tag's attribute text.
std::string_view attribute(std::string_view attrs, std::string_view name) {
  size_t at = 0;
  while ((at = attrs.find(name, at)) != std::string_view::npos) {
    const bool starts = at == 0 || is_space(attrs[at - 1]);
    size_t eq = at + name.size();
    while (eq < attrs.size() && is_space(attrs[eq]))
      ++eq;
    if (starts && eq < attrs.size() && attrs[eq] == '=') {
      size_t q = eq + 1;
      while (q < attrs.size() && is_space(attrs[q]))
        ++q;
      if (q < attrs.size() && (attrs[q] == '"' || attrs[q] == '\'')) {
        const size_t close = attrs.find(attrs[q], q + 1);
        if (close == std::string_view::npos)
          return {};
        return attrs.substr(q + 1, close - q - 1);
      }
    }
    at += name.size();
  }
  return {};
}

// Element names without a namespace prefix ("ns:Event" -> "Event").
std::string_view local_name(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

enum class Section { kNone, kSystem, kEventData, kUserData, kOther };

}  // namespace

bool parse_event_xml(std::string_view xml, WinEvent* out) {
  out->clear();
  std::string scratch, name_buf;
  Section section = Section::kNone;
  int user_data_depth = 0;
  bool have_id = false;
  size_t i = 0;
  while (true) {
    const size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos)
      break;
    if (xml.substr(lt, 4) == "<!--") {
      const size_t end = xml.find("-->", lt);
      if (end == std::string_view::npos)
        break;
      i = end + 3;
      continue;
    }
    const size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos)
      break;
    std::string_view tag = xml.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.empty() || tag[0] == '?' || tag[0] == '!')
      continue;
    if (tag[0] == '/') {
      const std::string_view name = local_name(trim(tag.substr(1)));
      if (name == "System" || name == "EventData" || name == "RenderingInfo") {
        section = Section::kNone;
      } else if (section == Section::kUserData) {
        if (--user_data_depth < 0)
          section = Section::kNone;
      }
      if (name == "Event")
        break;
      continue;
    }
    const bool self_closing = tag.back() == '/';
    if (self_closing)
      tag.remove_suffix(1);
    const size_t space = tag.find_first_of(" \t\r\n");
    const std::string_view name = local_name(tag.substr(0, space));
    const std::string_view attrs = space == std::string_view::npos
                                       ? std::string_view{}
                                       : tag.substr(space);
    // The text of a leaf element: up to the next '<'.
    std::string_view text;
    if (!self_closing) {
      const size_t next = xml.find('<', i);
      text = xml.substr(
          i, (next == std::string_view::npos ? xml.size() : next) - i);
    }
    auto unescaped = [&](std::string_view s) -> std::string_view {
      if (s.find('&') == std::string_view::npos)
        return s;
      scratch.clear();
      append_unescaped(s, &scratch);
      return scratch;
    };
    if (name == "System") {
      section = Section::kSystem;
    } else if (name == "EventData") {
      section = Section::kEventData;
    } else if (name == "UserData") {
      section = Section::kUserData;
      user_data_depth = 0;
    } else if (name == "RenderingInfo") {
      section = Section::kOther;
    } else if (section == Section::kSystem) {
      if (name == "Provider") {
        out->provider.assign(unescaped(attribute(attrs, "Name")));
      } else if (name == "EventID") {
        uint32_t id = 0;
        const std::string_view t = trim(text);
        const auto [end, ec] =
            std::from_chars(t.data(), t.data() + t.size(), id);
        have_id = ec == std::errc() && end == t.data() + t.size();
        out->event_id = id;
      } else if (name == "TimeCreated") {
        out->time =
            parse_timestamp(attribute(attrs, "SystemTime"), Zone::utc());
      } else if (name == "EventRecordID") {
        const std::string_view t = trim(text);
        std::from_chars(t.data(), t.data() + t.size(), out->record_id);
      } else if (name == "Channel") {
        out->channel.assign(unescaped(trim(text)));
      } else if (name == "Computer") {
        out->computer.assign(unescaped(trim(text)));
      } else if (name == "Task") {
        const std::string_view t = trim(text);
        int task = -1;
        std::from_chars(t.data(), t.data() + t.size(), task);
        out->task = task;
      } else if (name == "Keywords") {
        // Audit Failure is bit 52 (0x0010000000000000).
        const auto kw = trim(text);
        if (kw.substr(0, 2) == "0x") {
          const uint64_t v = hex_number(kw).value_or(0);
          out->failure = (v & 0x0010000000000000ULL) != 0;
        }
      } else if (name == "Security") {
        out->user_sid.assign(attribute(attrs, "UserID"));
      }
    } else if (section == Section::kEventData && name == "Data") {
      const std::string_view data_name = attribute(attrs, "Name");
      if (!data_name.empty()) {
        name_buf.assign(data_name);
        out->add(name_buf, unescaped(self_closing ? std::string_view{} : text));
      }
    } else if (section == Section::kUserData) {
      // <UserData><Wrapper xmlns=...><Field>value</Field>...</Wrapper>
      if (!self_closing)
        ++user_data_depth;
      if (user_data_depth >= 2 || self_closing) {
        name_buf.assign(name);
        out->add(name_buf, unescaped(self_closing ? std::string_view{} : text));
      }
    }
  }
  return have_id;
}

namespace {

// Cuts <Event ...>...</Event> elements out of the line stream.
class WinXmlParser : public LineParser {
 public:
  explicit WinXmlParser(ParseContext& ctx)
      : ctx_(ctx), mapper_(ctx, kWinxmlFormat) {}

  void parse_line(std::string_view line, uint64_t line_no) override {
    while (!line.empty()) {
      if (!in_event_) {
        const size_t start = find_event_start(line);
        if (start == std::string_view::npos)
          return;
        in_event_ = true;
        start_line_ = line_no;
        pending_.clear();
        line = line.substr(start);
      }
      // Resynchronisation: an event start before this event's end means
      // this one was cut short; it is rejected and the next one begins.
      size_t end = line.find("</Event>");
      while (true) {
        const size_t own = pending_.empty() ? 1 : 0;  // past its "<Event"
        const size_t restart = find_event_start(line.substr(own));
        if (restart == std::string_view::npos ||
            (end != std::string_view::npos && restart + own > end))
          break;
        ctx_.reject(start_line_, "XML event cut short by the next <Event>");
        start_line_ = line_no;
        pending_.clear();
        line = line.substr(restart + own);
        end = line.find("</Event>");
      }
      if (end == std::string_view::npos) {
        pending_.append(line);
        pending_ += '\n';
        if (pending_.size() > kMaxEventBytes) {
          ctx_.reject(start_line_, "XML event larger than 4 MiB");
          in_event_ = false;
          pending_.clear();
        }
        return;
      }
      pending_.append(line.substr(0, end + 8));
      line = line.substr(end + 8);
      in_event_ = false;
      if (parse_event_xml(pending_, &event_)) {
        mapper_.map(event_, start_line_, false);
      } else {
        ctx_.reject(start_line_, "XML event without a readable EventID");
      }
      pending_.clear();
    }
  }

  void finish() override {
    if (in_event_)
      ctx_.reject(start_line_, "XML event cut off at the end of the log");
  }

 private:
  // "<Event>" or "<Event xmlns=...>", not "<Events>" or "<EventData>".
  static size_t find_event_start(std::string_view line) {
    size_t at = 0;
    while ((at = line.find("<Event", at)) != std::string_view::npos) {
      const char next = at + 6 < line.size() ? line[at + 6] : '\0';
      if (next == '>' || next == ' ' || next == '\t' || next == '\0')
        return at;
      at += 6;
    }
    return std::string_view::npos;
  }

  ParseContext& ctx_;
  WindowsEventMapper mapper_;
  WinEvent event_;
  std::string pending_;
  bool in_event_ = false;
  uint64_t start_line_ = 0;
};

}  // namespace

std::unique_ptr<LineParser> make_winxml_parser(ParseContext& ctx) {
  return std::make_unique<WinXmlParser>(ctx);
}

Sniff sniff_winxml(const LogHead& head) {
  return at_start_if(head.start.substr(0, 5) == "<?xml" ||
                     head.start.substr(0, 6) == "<Event");
}

}  // namespace mamori::logs
