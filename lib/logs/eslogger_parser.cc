// eslogger's es_message_t JSON lines to events (layout in the header).
#include "logs/eslogger_parser.h"

#include "common/text.h"
#include "logs/json_records.h"

#include <string>

namespace mamori::logs {

namespace {

constexpr int64_t kFread = 0x1;
constexpr std::string_view kUnsetAuid = "4294967295";  // AU_DEFAUDITID
constexpr std::string_view kRemovableRoot = "/Volumes/";

// The path of es_file_t `name` inside `e`: e.name.path.
std::string file_path(simdjson::dom::element e, std::string_view name) {
  auto file = json::field(e, name);
  return file ? json::text(*file, "path").value_or("") : std::string();
}

// A create's or rename's destination: an existing file, or a new path made
// of a directory and a file name.
std::string destination_path(simdjson::dom::element e) {
  auto dest = json::field(e, "destination");
  if (!dest)
    return {};
  if (auto existing = file_path(*dest, "existing_file"); !existing.empty())
    return existing;
  auto new_path = json::field(*dest, "new_path");
  if (!new_path)
    return {};
  std::string dir = file_path(*new_path, "dir");
  const std::string_view name = json::string_or_empty(*new_path, "filename");
  if (dir.empty() || name.empty())
    return {};
  if (dir.back() != '/')
    dir += '/';
  return dir + std::string(name);
}

std::string user_of(simdjson::dom::element process) {
  auto token = json::field(process, "audit_token");
  if (!token)
    return {};
  auto auid = json::text(*token, "auid");
  if (auid && *auid != kUnsetAuid)
    return *auid;
  return json::text(*token, "euid").value_or("");
}

class EsloggerParser : public JsonRecordParser {
 public:
  explicit EsloggerParser(ParseContext& ctx) : JsonRecordParser(ctx) {}

 protected:
  void handle_record(simdjson::dom::element r, uint64_t line) override {
    const auto stamp = json::text(r, "time");
    const auto time =
        stamp ? parse_timestamp(trim(*stamp), Zone::utc()) : std::nullopt;
    auto event = json::field(r, "event");
    simdjson::dom::object kinds;
    if (!time || !event || event->get_object().get(kinds) ||
        kinds.begin() == kinds.end()) {
      ctx_.reject(line, "Endpoint Security event without a time or an event");
      return;
    }
    const auto kind = *kinds.begin();
    Event e = ctx_.make_event(kEsloggerFormat, line);
    e.time = *time;
    if (auto process = json::field(r, "process")) {
      e.user = user_of(*process);
      e.process = file_path(*process, "executable");
    }
    if (!map(kind.key, kind.value, e)) {
      ctx_.skip();
      return;
    }
    ctx_.emit(std::move(e));
  }

 private:
  // Fills the event from event.<kind>; false when it yields none.
  static bool map(std::string_view kind, simdjson::dom::element d, Event& e) {
    if (kind == "open") {
      e.action = Action::kRead;
      e.path = file_path(d, "file");
      return (json::integer(d, "fflag").value_or(0) & kFread) != 0 &&
             !e.path.empty();
    }
    if (kind == "close") {
      bool modified = false;
      if (auto m = json::field(d, "modified"); m && m->get_bool().get(modified))
        modified = false;
      e.action = Action::kWrite;
      e.path = file_path(d, "target");
      return modified && !e.path.empty();
    }
    if (kind == "create") {
      e.action = Action::kCreate;
      e.path = destination_path(d);
      return !e.path.empty();
    }
    if (kind == "rename") {
      e.action = Action::kRename;
      e.path = file_path(d, "source");
      e.target = destination_path(d);
      return !e.path.empty();
    }
    if (kind == "unlink") {
      e.action = Action::kDelete;
      e.path = file_path(d, "target");
      return !e.path.empty();
    }
    if (kind == "mount")
      return map_mount(d, e);
    return false;
  }

  static bool map_mount(simdjson::dom::element d, Event& e) {
    auto statfs = json::field(d, "statfs");
    if (!statfs)
      return false;
    std::string point = json::text(*statfs, "f_mntonname").value_or("");
    if (!point.starts_with(kRemovableRoot) ||
        point.size() == kRemovableRoot.size()) {
      return false;
    }
    while (point.back() == '/')
      point.pop_back();
    e.action = Action::kMount;
    e.path = json::text(*statfs, "f_mntfromname").value_or("");
    e.device.label = point.substr(point.rfind('/') + 1);
    e.mount = std::move(point);
    return true;
  }
};

}  // namespace

Sniff sniff_eslogger(const LogHead& head) {
  const bool es = head.json && head.contains("\"audit_token\"") &&
                  head.contains("\"event_type\"") && head.contains("\"event\"");
  return es ? Sniff(kAtStart) : std::nullopt;
}

std::unique_ptr<LineParser> make_eslogger_parser(ParseContext& ctx) {
  return std::make_unique<EsloggerParser>(ctx);
}

}  // namespace mamori::logs
