// Winlogbeat, NXLog and Azure JSON to WinEvent.
#include "logs/winjson_parser.h"

#include "common/lexer.h"
#include "common/text.h"
#include "logs/json_records.h"
#include "logs/win_xml.h"
#include "logs/windows_events.h"

namespace mamori::logs {

namespace {

constexpr uint64_t kAuditFailure = 0x0010000000000000ULL;

bool keywords_say_failure(simdjson::dom::element v) {
  int64_t i = 0;
  uint64_t u = 0;
  std::string_view s;
  if (!v.get_int64().get(i))
    return (static_cast<uint64_t>(i) & kAuditFailure) != 0;
  if (!v.get_uint64().get(u))
    return (u & kAuditFailure) != 0;
  if (!v.get_string().get(s)) {
    if (s.find("Failure") != std::string_view::npos)
      return true;
    if (s.substr(0, 2) == "0x") {
      const auto k = hex_number(s);
      return k && (*k & kAuditFailure) != 0;
    }
  }
  simdjson::dom::array list;
  if (!v.get_array().get(list)) {
    for (auto item : list) {
      if (!item.get_string().get(s) &&
          s.find("Failure") != std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

class WinJsonParser : public JsonRecordParser {
 public:
  explicit WinJsonParser(ParseContext& ctx)
      : JsonRecordParser(ctx), mapper_(ctx, kWinjsonFormat) {}

 protected:
  void handle_record(simdjson::dom::element r, uint64_t line) override {
    event_.clear();
    // An Elasticsearch export wraps each document in "_source".
    if (auto source = json::field(r, "_source");
        source && source->is_object()) {
      r = *source;
    }
    bool ok = false;
    if (auto winlog = json::field(r, "winlog"); winlog && winlog->is_object()) {
      ok = read_winlogbeat(r, *winlog);
    } else if (auto original = json::text_at(r, "event.original");
               original && original->find("<Event") != std::string::npos) {
      // Elastic Agent may keep only the event's XML.
      ok = parse_event_xml(*original, &event_);
    } else {
      ok = read_flat(r);
    }
    if (!ok) {
      ctx_.reject(line, "JSON record without a Windows event id");
      return;
    }
    mapper_.map(event_, line, false);
  }

 private:
  void add_members(simdjson::dom::element object) {
    simdjson::dom::object members;
    if (object.get_object().get(members))
      return;
    for (auto [key, value] : members) {
      if (value.is_object() || value.is_array() || value.is_null())
        continue;
      event_.add(key, json::element_text(value));
    }
  }

  std::optional<Timestamp> time_of(simdjson::dom::element r,
                                   std::string_view key, const Zone& zone) {
    auto text = json::text_at(r, key);
    if (!text)
      return std::nullopt;
    return parse_timestamp(trim(*text), zone);
  }

  bool read_winlogbeat(simdjson::dom::element r, simdjson::dom::element w) {
    auto id = json::integer(w, "event_id");
    if (!id) {
      if (auto event = json::field(r, "event"))
        id = json::integer(*event, "code");
    }
    if (!id || *id < 0)
      return false;
    event_.event_id = static_cast<uint32_t>(*id);
    event_.provider = json::text(w, "provider_name").value_or("");
    event_.channel = json::text(w, "channel").value_or("");
    event_.computer = json::text(w, "computer_name").value_or("");
    if (event_.computer.empty())
      event_.computer = json::text_at(r, "host.name").value_or("");
    if (auto rid = json::integer(w, "record_id"))
      event_.record_id = static_cast<uint64_t>(*rid);
    if (json::string_or_empty(w, "task") == "Removable Storage")
      event_.task = 12812;
    if (auto kw = json::field(w, "keywords"))
      event_.failure = keywords_say_failure(*kw);
    if (json::text_at(r, "event.outcome").value_or("") == "failure")
      event_.failure = true;
    event_.time = time_of(w, "time_created", Zone::utc());
    if (!event_.time)
      event_.time = time_of(r, "@timestamp", Zone::utc());
    if (auto data = json::field(w, "event_data"))
      add_members(*data);
    if (auto data = json::field(w, "user_data"))
      add_members(*data);
    return true;
  }

  bool read_flat(simdjson::dom::element r) {
    auto id = json::integer(r, "EventID");
    if (!id)
      id = json::integer(r, "EventId");
    if (!id)
      id = json::integer(r, "event_id");
    if (!id || *id < 0)
      return false;
    event_.event_id = static_cast<uint32_t>(*id);
    for (const char* key :
         {"SourceName", "ProviderName", "Provider", "provider_name"}) {
      if (auto v = json::text(r, key)) {
        event_.provider = *v;
        break;
      }
    }
    event_.channel = json::text(r, "Channel").value_or("");
    for (const char* key : {"Computer", "Hostname", "computer_name", "host"}) {
      if (auto v = json::text(r, key); v && !v->empty()) {
        event_.computer = *v;
        break;
      }
    }
    if (auto rid = json::integer(r, "RecordNumber"))
      event_.record_id = static_cast<uint64_t>(*rid);
    if (auto task = json::integer(r, "Task"))
      event_.task = static_cast<int>(*task);
    if (json::string_or_empty(r, "Category") == "Removable Storage")
      event_.task = 12812;
    const std::string_view type = json::string_or_empty(r, "EventType");
    event_.failure = type == "AUDIT_FAILURE";
    if (auto kw = json::field(r, "Keywords"))
      event_.failure |= keywords_say_failure(*kw);
    event_.time = time_of(r, "TimeCreated", Zone::utc());
    if (!event_.time)
      event_.time = time_of(r, "TimeGenerated", Zone::utc());
    if (!event_.time)
      event_.time = time_of(r, "@timestamp", Zone::utc());
    if (!event_.time)
      event_.time = time_of(r, "EventTime", ctx_.zone());
    add_members(r);
    // Azure: the event's data as a JSON string, or an object.
    if (auto data = json::field(r, "EventData")) {
      std::string_view text;
      if (!data->get_string().get(text)) {
        simdjson::dom::element inner;
        if (!inner_parser_.parse(text.data(), text.size()).get(inner))
          add_members(inner);
      } else {
        add_members(*data);
      }
    }
    return true;
  }

  WindowsEventMapper mapper_;
  WinEvent event_;
  simdjson::dom::parser inner_parser_;
};

}  // namespace

std::unique_ptr<LineParser> make_winjson_parser(ParseContext& ctx) {
  return std::make_unique<WinJsonParser>(ctx);
}

Sniff sniff_winjson(const LogHead& head) {
  return at_start_if(head.json && (head.contains("\"winlog\"") ||
                                   head.contains("\"EventID\"") ||
                                   head.contains("\"EventId\"") ||
                                   head.contains("\"event_id\"")));
}

}  // namespace mamori::logs
