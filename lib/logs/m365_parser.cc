// M365 audit records (CSV and JSON) to events.
#include "logs/m365_parser.h"

#include "common/lexer.h"
#include "common/text.h"
#include "logs/csv_records.h"
#include "logs/json_records.h"
#include "logs/local_clock.h"
#include "logs/log_text.h"
#include "logs/windows_events.h"

namespace mamori::logs {

namespace {

constexpr LogFormat kFormat = kM365Format;

struct OperationAction {
  std::string_view operation;
  Action action;
};

constexpr OperationAction kOperations[] = {
    {"FileAccessed", Action::kRead},
    {"FileAccessedExtended", Action::kRead},
    {"FilePreviewed", Action::kRead},
    {"FileRead", Action::kRead},
    {"FileDownloaded", Action::kDownload},
    {"FileSyncDownloadedFull", Action::kDownload},
    {"FileDownloadedFromBrowser", Action::kDownload},
    {"FileUploaded", Action::kUpload},
    {"FileSyncUploadedFull", Action::kUpload},
    {"FileUploadedToCloud", Action::kUpload},
    {"FileCopiedToRemovableMedia", Action::kCopyRemovable},
    {"FileCreatedOnRemovableMedia", Action::kCopyRemovable},
    {"FileArchived", Action::kArchive},
    {"FilePrinted", Action::kPrint},
    {"FileModified", Action::kWrite},
    {"FileModifiedExtended", Action::kWrite},
    {"FileCreated", Action::kCreate},
    {"FileCopied", Action::kCreate},
    {"FileCreatedOnNetworkShare", Action::kCreate},
    {"FileCopiedToNetworkShare", Action::kCreate},
    {"FileRenamed", Action::kRename},
    {"FileMoved", Action::kRename},
    {"FileDeleted", Action::kDelete},
    {"FileRecycled", Action::kDelete},
    {"FileDeletedFirstStageRecycleBin", Action::kDelete},
    {"RemovableMediaMount", Action::kMount},
    {"RemovableMediaUnlockedmount", Action::kMount},
    {"FileCopiedToClipboard", Action::kOther},
    {"FileCopiedToRemoteDesktopSession", Action::kOther},
};

std::optional<Action> action_of(std::string_view operation) {
  for (const auto& [name, action] : kOperations) {
    if (iequals(name, operation))
      return action;
  }
  return std::nullopt;
}

// "9/20/2023 4:05:03 AM" (US locale, no zone).
std::optional<Timestamp> parse_us_time(std::string_view s, const Zone& zone) {
  s = trim(s);
  int month = 0, day = 0, year = 0;
  size_t i = 0;
  auto number = [&](int* out, char end) {
    const auto v = read_digits(s, i, 4);
    if (!v || i >= s.size() || s[i] != end)
      return false;
    ++i;
    *out = *v;
    return true;
  };
  if (!number(&month, '/') || !number(&day, '/') || !number(&year, ' ')) {
    return std::nullopt;
  }
  int hour = 0, minute = 0;
  if (!number(&hour, ':') || !number(&minute, ':'))
    return std::nullopt;
  const auto second = read_digits(s, i, 2);
  const std::string_view ampm = trim(s.substr(i));
  if (iequals(ampm, "PM") && hour < 12)
    hour += 12;
  if (iequals(ampm, "AM") && hour == 12)
    hour = 0;
  if (!second || hour > 23 || minute > 59 || *second > 60)
    return std::nullopt;
  LocalClock clock(zone, Timestamp{});
  return clock.from_local(year, month, day,
                          ((hour * 60LL + minute) * 60 + *second) * 1000000);
}

std::optional<Timestamp> parse_creation(std::string_view text,
                                        const Zone& zone) {
  text = trim(text);
  // CreationTime is UTC even without a "Z".
  if (auto t = parse_timestamp(text, Zone::utc()))
    return t;
  return parse_us_time(text, zone);
}

// "E:\dir\x.docx" -> "E:"
std::string drive_of(std::string_view path) {
  if (path.size() >= 2 && path[1] == ':')
    return std::string(path.substr(0, 2));
  return {};
}

class M365Mapper {
 public:
  explicit M365Mapper(ParseContext& ctx) : ctx_(ctx) {}

  // Maps one AuditData object. False when it is not one (no Operation).
  bool map(simdjson::dom::element a, uint64_t line) {
    const auto operation = json::text(a, "Operation");
    if (!operation)
      return false;
    const auto action = action_of(*operation);
    if (!action) {
      ctx_.skip();
      return true;
    }
    const auto created = json::text(a, "CreationTime");
    const auto time =
        created ? parse_creation(*created, ctx_.zone()) : std::nullopt;
    if (!time) {
      ctx_.reject(line, "M365 record without a readable CreationTime");
      return true;
    }
    Event e = ctx_.make_event(kFormat, line);
    e.time = *time;
    e.action = *action;
    e.user = json::text(a, "UserId").value_or("");
    e.host = json::text(a, "DeviceName").value_or("");
    e.process = json::text(a, "Application").value_or("");
    if (e.process.empty() && operation->starts_with("FileSync"))
      e.process = "OneDrive sync client";  // only the sync client logs these
    if (auto size = json::integer(a, "FileSize"); size && *size >= 0) {
      e.bytes = static_cast<uint64_t>(*size);
    }
    std::string path = json::text(a, "ObjectId").value_or("");
    if (path.size() > 2 && path[1] == ':')
      path = windows_path(path);
    e.path = std::move(path);
    // Where it went: a SharePoint destination or the DLP target path.
    const std::string target_path =
        json::text(a, "TargetFilePath").value_or("");
    if (!target_path.empty()) {
      e.target = windows_path(target_path);
      if (e.action == Action::kCopyRemovable)
        e.mount = drive_of(target_path);
    } else {
      const std::string dest_url =
          json::text(a, "DestinationRelativeUrl").value_or("");
      const std::string dest_name =
          json::text(a, "DestinationFileName").value_or("");
      if (!dest_name.empty()) {
        std::string site = json::text(a, "SiteUrl").value_or("");
        if (!site.empty() && site.back() != '/')
          site += '/';
        e.target = site + dest_url + (dest_url.empty() ? "" : "/") + dest_name;
      } else if (auto url = json::text(a, "TargetUrl"); url && !url->empty()) {
        e.target = *url;  // Endpoint DLP FileUploadedToCloud
      } else if (auto domain = json::text(a, "TargetDomain");
                 domain && !domain->empty()) {
        e.target = *domain;
      }
    }
    if (auto media = json::field(a, "RemovableMediaDeviceAttributes")) {
      e.device.serial = json::text(*media, "SerialNumber").value_or("");
      std::string label = json::text(*media, "Manufacturer").value_or("");
      const std::string model = json::text(*media, "Model").value_or("");
      append_word(label, model);
      e.device.label = label;
      e.device.vendor_id =
          to_lower(json::text(*media, "VendorId").value_or(""));
      e.device.product_id =
          to_lower(json::text(*media, "ProductId").value_or(""));
      if (!e.device.empty()) {
        e.device.bus = "usb";
        e.device.storage = Storage::kRemovable;
      }
    }
    ctx_.emit(std::move(e));
    return true;
  }

 private:
  ParseContext& ctx_;
};

class M365Json : public JsonRecordParser {
 public:
  explicit M365Json(ParseContext& ctx) : JsonRecordParser(ctx), mapper_(ctx) {}

 protected:
  void handle_record(simdjson::dom::element r, uint64_t line) override {
    if (!mapper_.map(r, line))
      ctx_.reject(line, "JSON record without an Operation");
  }

 private:
  M365Mapper mapper_;
};

class M365Csv : public CsvRecordParser {
 public:
  explicit M365Csv(ParseContext& ctx) : CsvRecordParser(ctx), mapper_(ctx) {}

 protected:
  bool handle_header(const std::vector<std::string>&, uint64_t line) override {
    audit_ = column("AuditData");
    created_ = column("CreationDate");
    operation_ = column("Operation");
    if (operation_ < 0)
      operation_ = column("Operations");
    user_ = column("UserId");
    if (user_ < 0)
      user_ = column("UserIds");
    if (audit_ < 0 && (created_ < 0 || operation_ < 0)) {
      ctx_.reject(
          line,
          "M365 CSV header without AuditData or CreationDate and Operation");
      return false;
    }
    return true;
  }

  void handle_row(const std::vector<std::string>& f, uint64_t line) override {
    auto cell = [&](int i) -> std::string_view {
      return i >= 0 && static_cast<size_t>(i) < f.size()
                 ? std::string_view(f[static_cast<size_t>(i)])
                 : std::string_view{};
    };
    const std::string_view audit = cell(audit_);
    simdjson::dom::element a;
    if (!audit.empty() && !parser_.parse(audit.data(), audit.size()).get(a) &&
        a.is_object() && mapper_.map(a, line)) {
      return;
    }
    // No usable AuditData: the columns alone.
    const auto action = action_of(trim(cell(operation_)));
    if (!action) {
      if (trim(cell(operation_)).empty()) {
        ctx_.reject(line, "M365 CSV row without AuditData or Operation");
      } else {
        ctx_.skip();
      }
      return;
    }
    const auto time = parse_creation(cell(created_), ctx_.zone());
    if (!time) {
      ctx_.reject(line, "M365 CSV row without a readable CreationDate");
      return;
    }
    Event e = ctx_.make_event(kFormat, line);
    e.time = *time;
    e.action = *action;
    e.user = std::string(trim(cell(user_)));
    ctx_.emit(std::move(e));
  }

 private:
  M365Mapper mapper_;
  simdjson::dom::parser parser_;
  int audit_ = -1, created_ = -1, operation_ = -1, user_ = -1;
};

// CSV or JSON, decided by the first line that is not blank.
class M365Parser : public LineParser {
 public:
  explicit M365Parser(ParseContext& ctx) : ctx_(ctx) {}
  void parse_line(std::string_view line, uint64_t line_no) override {
    if (!inner_) {
      std::string_view t = trim(line);
      if (t.substr(0, 3) == "\xEF\xBB\xBF")
        t = trim(t.substr(3));
      if (t.empty())
        return;
      if (t.front() == '{' || t.front() == '[') {
        inner_ = std::make_unique<M365Json>(ctx_);
      } else {
        inner_ = std::make_unique<M365Csv>(ctx_);
      }
    }
    inner_->parse_line(line, line_no);
  }
  void finish() override {
    if (inner_)
      inner_->finish();
  }
  uint64_t context_lines() const override {
    return inner_ ? inner_->context_lines() : 0;
  }

 private:
  ParseContext& ctx_;
  std::unique_ptr<LineParser> inner_;
};

}  // namespace

std::unique_ptr<LineParser> make_m365_parser(ParseContext& ctx) {
  return std::make_unique<M365Parser>(ctx);
}

Sniff sniff_m365(const LogHead& head) {
  // AuditData JSON lines, or the CSV export's header in the first two lines.
  if (head.json) {
    return at_start_if(head.contains("\"CreationTime\"") &&
                       head.contains("\"Operation\""));
  }
  for (size_t i = 0; i < head.lines.size() && i < 2; ++i) {
    const std::string_view line = head.lines[i];
    if (line.find("CreationDate") != std::string_view::npos &&
        line.find("AuditData") != std::string_view::npos) {
      return at_line(i);
    }
  }
  return std::nullopt;
}

}  // namespace mamori::logs
