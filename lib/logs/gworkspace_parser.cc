// Reports API activities to events.
#include "logs/gworkspace_parser.h"

#include "common/text.h"
#include "logs/json_records.h"

namespace mamori::logs {

namespace {

constexpr LogFormat kFormat = kGworkspaceFormat;

std::optional<Action> action_of(std::string_view name) {
  struct Entry {
    std::string_view name;
    Action action;
  };
  static constexpr Entry kNames[] = {
      {"view", Action::kRead},         {"preview", Action::kRead},
      {"download", Action::kDownload}, {"print", Action::kPrint},
      {"upload", Action::kUpload},     {"edit", Action::kWrite},
      {"create", Action::kCreate},     {"copy", Action::kCreate},
      {"rename", Action::kRename},     {"move", Action::kRename},
      {"delete", Action::kDelete},     {"trash", Action::kDelete},
      {"remove", Action::kDelete}};
  for (const auto& e : kNames) {
    if (e.name == name)
      return e.action;
  }
  return std::nullopt;
}

// The text of parameter `name`: value, intValue, boolValue or the first of
// multiValue.
std::string parameter(simdjson::dom::element event, std::string_view name) {
  auto params = json::field(event, "parameters");
  simdjson::dom::array list;
  if (!params || params->get_array().get(list))
    return {};
  for (auto p : list) {
    if (json::string_or_empty(p, "name") != name)
      continue;
    for (const char* key : {"value", "intValue", "boolValue"}) {
      if (auto v = json::text(p, key))
        return *v;
    }
    if (auto multi = json::field(p, "multiValue")) {
      simdjson::dom::array values;
      if (!multi->get_array().get(values)) {
        for (auto v : values)
          return json::element_text(v);
      }
    }
  }
  return {};
}

class GworkspaceParser : public JsonRecordParser {
 public:
  explicit GworkspaceParser(ParseContext& ctx) : JsonRecordParser(ctx) {}

 protected:
  void handle_record(simdjson::dom::element r, uint64_t line) override {
    // A whole API page: its items are the activities.
    if (auto items = json::field(r, "items")) {
      simdjson::dom::array list;
      if (!items->get_array().get(list)) {
        for (auto item : list)
          activity(item, line);
        return;
      }
    }
    if (json::string_or_empty(r, "kind") == "admin#reports#activities")
      return;
    activity(r, line);
  }

 private:
  void activity(simdjson::dom::element a, uint64_t line) {
    const auto stamp = json::text_at(a, "id.time");
    const auto time =
        stamp ? parse_timestamp(trim(*stamp), Zone::utc()) : std::nullopt;
    if (!time) {
      ctx_.reject(line, "Drive activity without a readable id.time");
      return;
    }
    const std::string user =
        json::text_at(a, "actor.email")
            .value_or(json::text_at(a, "actor.profileId").value_or(""));
    auto events = json::field(a, "events");
    if (!events) {
      ctx_.reject(line, "Drive activity without events");
      return;
    }
    simdjson::dom::array list;
    if (!events->get_array().get(list)) {
      for (auto event : list)
        one_event(event, *time, user, line);
    } else {
      one_event(*events, *time, user, line);
    }
  }

  void one_event(simdjson::dom::element event, Timestamp time,
                 const std::string& user, uint64_t line) {
    const auto action = action_of(json::string_or_empty(event, "name"));
    if (!action) {
      ctx_.skip();
      return;
    }
    Event e = ctx_.make_event(kFormat, line);
    e.time = time;
    e.user = user;
    e.action = *action;
    e.path = parameter(event, "doc_title");
    if (e.path.empty())
      e.path = parameter(event, "doc_id");
    if (*action == Action::kRename)
      e.target = parameter(event, "new_value");
    ctx_.emit(std::move(e));
  }
};

}  // namespace

std::unique_ptr<LineParser> make_gworkspace_parser(ParseContext& ctx) {
  return std::make_unique<GworkspaceParser>(ctx);
}

Sniff sniff_gworkspace(const LogHead& head) {
  return at_start_if(head.json && (head.contains("admin#reports#activity") ||
                                   (head.contains("\"actor\"") &&
                                    head.contains("\"events\""))));
}

}  // namespace mamori::logs
