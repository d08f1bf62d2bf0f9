// journald JSON records dispatched to the USB and Samba handlers.
#include "logs/journal_parser.h"

#include "logs/json_records.h"
#include "logs/samba_audit.h"
#include "logs/usb_messages.h"

namespace mamori::logs {

namespace {

class JournalParser : public JsonRecordParser {
 public:
  explicit JournalParser(ParseContext& ctx)
      : JsonRecordParser(ctx), samba_(ctx), usb_(ctx, kJournalFormat) {}

  void finish() override {
    JsonRecordParser::finish();
    usb_.finish();
  }

 protected:
  void handle_record(simdjson::dom::element r, uint64_t line) override {
    const auto micros = json::integer(r, "__REALTIME_TIMESTAMP");
    if (!micros) {
      ctx_.reject(line, "journal record without __REALTIME_TIMESTAMP");
      return;
    }
    const Timestamp time{std::chrono::microseconds(*micros)};
    message_.clear();
    if (auto m = json::field(r, "MESSAGE")) {
      std::string_view s;
      simdjson::dom::array bytes;
      if (!m->get_string().get(s)) {
        message_.assign(s);
      } else if (!m->get_array().get(bytes)) {
        for (auto b : bytes) {
          int64_t v = 0;
          if (!b.get_int64().get(v))
            message_.push_back(static_cast<char>(v));
        }
      }
    }
    const std::string_view host = json::string_or_empty(r, "_HOSTNAME");
    std::string_view tag = json::string_or_empty(r, "SYSLOG_IDENTIFIER");
    if (tag.empty())
      tag = json::string_or_empty(r, "_COMM");
    if (tag == "smbd_audit") {
      if (!samba_.handle(time, host, message_, line) &&
          !samba_.handle_legacy(time, host, message_, line)) {
        ctx_.reject(line, "smbd_audit message in no known layout");
      }
      return;
    }
    if (usb_.handle(time, host, tag, message_, line))
      return;
    samba_.handle(time, host, message_, line);
  }

 private:
  SambaAudit samba_;
  UsbMessages usb_;
  std::string message_;
};

}  // namespace

std::unique_ptr<LineParser> make_journal_parser(ParseContext& ctx) {
  return std::make_unique<JournalParser>(ctx);
}

Sniff sniff_journal(const LogHead& head) {
  return at_start_if(head.json && (head.contains("\"__REALTIME_TIMESTAMP\"") ||
                                   head.contains("\"__CURSOR\"")));
}

}  // namespace mamori::logs
