// CSV for spreadsheets: one row per finding. Cells that a spreadsheet would
// take for a formula (=, +, -, @) are prefixed with an apostrophe, and
// control characters and invalid UTF-8 are escaped, since file names in the
// report come from the scanned media. A UTF-8 byte order mark leads, so
// Excel on a Japanese system reads 社外秘 as written rather than as CP932.
#include "common/text.h"
#include "report/report.h"

#include <fmt/format.h>

namespace mamori::report {
namespace {

void cell(std::string& out, std::string_view value, bool last = false) {
  std::string v = escape_for_display(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
                     v[0] == '\t' || v[0] == '\r')) {
    v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(",\"\r\n") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : v) {
      if (c == '"')
        quoted += '"';
      quoted += c;
    }
    v = quoted + '"';
  }
  out += v;
  out += last ? "\r\n" : ",";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  return fmt::format("{}", fmt::join(parts, sep));
}

}  // namespace

std::string render_csv(const Report& report) {
  std::string out =
      "\xEF\xBB\xBF"
      "id,detector,severity,score,user,assets,title,start,end,files,bytes,"
      "location,sha256,reasons\r\n";
  for (const auto& f : report.findings) {
    cell(out, f.id);
    cell(out, f.detector);
    cell(out, to_string(f.severity));
    cell(out, std::to_string(f.score));
    cell(out, f.user);
    cell(out, join(f.assets, ";"));
    cell(out, f.title);
    cell(out, f.start ? format_rfc3339(*f.start) : "");
    cell(out, f.end ? format_rfc3339(*f.end) : "");
    cell(out, f.files ? std::to_string(*f.files) : "");
    cell(out, f.bytes ? std::to_string(*f.bytes) : "");
    cell(out, join(f.location, " > "));
    cell(out, f.sha256);
    cell(out, join(f.reasons, "; "), true);
  }
  return out;
}

}  // namespace mamori::report
