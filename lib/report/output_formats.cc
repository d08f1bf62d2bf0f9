// The rows of the report format table.
#include "report/output_formats.h"

namespace mamori::report {

namespace {

void text(const Report& report, const RenderOptions& options,
          const WriteText& write) {
  write(render_text(report, options.color, options.zone));
}
void jsonl(const Report& report, const RenderOptions&, const WriteText& write) {
  render_jsonl(report, write);
}
void sarif(const Report& report, const RenderOptions&, const WriteText& write) {
  write(render_sarif(report));
}
void csv(const Report& report, const RenderOptions&, const WriteText& write) {
  write(render_csv(report));
}
void html(const Report& report, const RenderOptions& options,
          const WriteText& write) {
  write(render_html(report, options.zone));
}

constexpr OutputFormatRow kFormats[] = {
    {"text", text, "for a terminal or a mail from cron (the default)"},
    {"jsonl", jsonl, "JSON Lines: each finding, notice and the summary"},
    {"sarif", sarif, "SARIF 2.1.0, for code-scanning dashboards"},
    {"csv", csv, "one row per finding, for a spreadsheet"},
    {"html", html, "a self-contained HTML page"},
};

}  // namespace

std::span<const OutputFormatRow> output_format_table() {
  return kFormats;
}

const OutputFormatRow* find_output_format(std::string_view name) {
  for (const OutputFormatRow& row : kFormats) {
    if (row.name == name)
      return &row;
  }
  return nullptr;
}

std::string render_to_string(Renderer render, const Report& report,
                             const RenderOptions& options) {
  std::string out;
  render(report, options, [&out](std::string_view text) { out += text; });
  return out;
}

std::string output_format_names(std::string_view separator,
                                std::string_view last) {
  std::string out;
  const size_t n = std::size(kFormats);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0)
      out += i + 1 == n ? last : separator;
    out += kFormats[i].name;
  }
  return out;
}

}  // namespace mamori::report
