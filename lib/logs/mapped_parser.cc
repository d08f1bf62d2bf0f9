// Column-mapped CSV and JSON lines.
#include "logs/mapped_parser.h"

#include "common/i18n.h"
#include "common/lexer.h"
#include "common/text.h"
#include "logs/csv_records.h"
#include "logs/json_records.h"
#include "logs/windows_events.h"

#include <charconv>

namespace mamori::logs {

namespace {

std::optional<Timestamp> parse_any_time(std::string_view text,
                                        const Zone& zone) {
  text = trim(text);
  if (text.empty())
    return std::nullopt;
  bool digits = true;
  for (char c : text)
    digits = digits && (is_digit(c) || c == '.');
  if (digits && text.find('-') == std::string_view::npos) {
    // Epoch seconds (10 digits today) or milliseconds (13).
    const size_t dot = text.find('.');
    int64_t whole = 0;
    const std::string_view int_part = text.substr(0, dot);
    const auto [end, ec] = std::from_chars(
        int_part.data(), int_part.data() + int_part.size(), whole);
    if (ec != std::errc() || end != int_part.data() + int_part.size())
      return std::nullopt;
    if (int_part.size() >= 13) {
      if (whole > kMaxEpochSeconds * 1000)
        return std::nullopt;
      return Timestamp(std::chrono::milliseconds(whole));
    }
    if (whole > kMaxEpochSeconds)
      return std::nullopt;
    int64_t micros = 0;
    if (size_t pos = dot + 1; dot != std::string_view::npos)
      micros = fraction_micros(text, pos).value_or(0);
    return Timestamp(std::chrono::seconds(whole) +
                     std::chrono::microseconds(micros));
  }
  return parse_timestamp(text, zone);
}

// Windows paths (drive letters, UNC shares) take the normalised form:
// "E:/q1.zip", "//fs01/rd/x.xlsx"; others stay as logged.
std::string mapped_path(std::string p) {
  const bool drive =
      p.size() > 2 && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
  const bool unc = p.starts_with("\\\\");
  return drive || unc ? windows_path(p) : p;
}

// Fills an event from field values looked up by mapped name.
template <typename Lookup>
void fill_event(const ColumnMapping& m, Lookup&& get, Event& e) {
  e.user = get(m.user);
  e.host = get(m.host);
  e.path = mapped_path(get(m.path));
  e.target = mapped_path(get(m.target));
  e.process = get(m.process);
  e.mount = get(m.mount);
  e.device.vendor_id = to_lower(get(m.vendor_id));
  e.device.product_id = to_lower(get(m.product_id));
  e.device.serial = get(m.serial);
  const std::string bytes = get(m.bytes);
  uint64_t b = 0;
  if (!bytes.empty()) {
    const auto t = trim(bytes);
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), b);
    if (ec == std::errc() && end == t.data() + t.size())
      e.bytes = b;
  }
  const std::string value = get(m.action);
  e.action = Action::kOther;
  if (auto it = m.actions.find(value); it != m.actions.end()) {
    e.action = action_from_name(it->second).value_or(Action::kOther);
  } else if (auto a = action_from_name(to_lower(trim(value)))) {
    e.action = *a;
  }
}

class MappedCsv : public CsvRecordParser {
 public:
  explicit MappedCsv(ParseContext& ctx)
      : CsvRecordParser(ctx, ctx.options().columns.delimiter),
        mapping_(ctx.options().columns) {}

 protected:
  bool handle_header(const std::vector<std::string>&, uint64_t line) override {
    if (mapping_.empty() || column(mapping_.time) < 0) {
      ctx_.reject(line, mapping_.empty()
                            ? "no column mapping for this csv log in the config"
                            : trf("the csv header has no column {column}",
                                  fmt::arg("column", mapping_.time)));
      return false;
    }
    return true;
  }

  void handle_row(const std::vector<std::string>& f, uint64_t line) override {
    auto get = [&](const std::string& name) -> std::string {
      if (name.empty())
        return {};
      const int i = column(name);
      return i >= 0 && static_cast<size_t>(i) < f.size()
                 ? f[static_cast<size_t>(i)]
                 : std::string{};
    };
    const auto time = parse_any_time(get(mapping_.time), ctx_.zone());
    if (!time) {
      ctx_.reject(line, "csv row without a readable time");
      return;
    }
    Event e = ctx_.make_event(kCsvFormat, line);
    e.time = *time;
    fill_event(mapping_, get, e);
    ctx_.emit(std::move(e));
  }

 private:
  const ColumnMapping& mapping_;
};

class MappedJsonl : public JsonRecordParser {
 public:
  explicit MappedJsonl(ParseContext& ctx)
      : JsonRecordParser(ctx), mapping_(ctx.options().columns) {}

 protected:
  void handle_record(simdjson::dom::element r, uint64_t line) override {
    if (mapping_.empty()) {
      ctx_.reject(line, "no column mapping for this jsonl log in the config");
      return;
    }
    auto get = [&](const std::string& name) -> std::string {
      if (name.empty())
        return {};
      return json::text_at(r, name).value_or("");
    };
    const auto time = parse_any_time(get(mapping_.time), ctx_.zone());
    if (!time) {
      ctx_.reject(line, "jsonl record without a readable time");
      return;
    }
    Event e = ctx_.make_event(kJsonlFormat, line);
    e.time = *time;
    fill_event(mapping_, get, e);
    ctx_.emit(std::move(e));
  }

 private:
  const ColumnMapping& mapping_;
};

}  // namespace

std::optional<Action> action_from_name(std::string_view name) {
  for (Action a :
       {Action::kRead, Action::kWrite, Action::kCreate, Action::kRename,
        Action::kDelete, Action::kConnect, Action::kDownload, Action::kUpload,
        Action::kCopyRemovable, Action::kArchive, Action::kPrint,
        Action::kDeviceAttach, Action::kDeviceDetach, Action::kMount,
        Action::kUnmount, Action::kOther}) {
    if (to_string(a) == name)
      return a;
  }
  return std::nullopt;
}

std::unique_ptr<LineParser> make_mapped_csv_parser(ParseContext& ctx) {
  return std::make_unique<MappedCsv>(ctx);
}

std::unique_ptr<LineParser> make_mapped_jsonl_parser(ParseContext& ctx) {
  return std::make_unique<MappedJsonl>(ctx);
}

Sniff sniff_csv(const LogHead& head) {
  const std::string_view first = head.start.substr(0, head.start.find('\n'));
  const bool fits = !head.json && !head.options.columns.empty() &&
                    first.find(',') != std::string_view::npos;
  return fits ? Sniff(kWeak) : std::nullopt;
}

Sniff sniff_jsonl(const LogHead& head) {
  return at_start_if(head.json && !head.options.columns.empty());
}

}  // namespace mamori::logs
