// text_source and extract_text: the choice of extractor by content and
// name, then the call.
#include "extract/text_layer.h"

#include "extract/markup_text.h"
#include "extract/ole_text.h"
#include "extract/pdf_text.h"
#include "extract/rtf_text.h"

#include "common/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace mamori::extract {
namespace {

std::string lower_extension(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  const std::string_view base =
      slash == std::string_view::npos ? name : name.substr(slash + 1);
  const size_t dot = base.rfind('.');
  if (dot == std::string_view::npos)
    return {};
  return to_lower(base.substr(dot + 1));
}

// The first bytes after a byte-order mark and white space, lower-cased.
std::string head_of(std::span<const std::byte> data, size_t n) {
  std::string_view s(reinterpret_cast<const char*>(data.data()),
                     std::min(data.size(), size_t{4096}));
  if (s.starts_with("\xEF\xBB\xBF"))
    s.remove_prefix(3);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  return to_lower(s.substr(0, n));
}

constexpr std::array<std::string_view, 4> kHtmlExtensions = {"html", "htm",
                                                             "xhtml", "shtml"};
// XML files whose text is read: flat ODF documents, SVG drawings, XLIFF
// translations, and .xml exports.
constexpr std::array<std::string_view, 7> kXmlExtensions = {
    "xml", "svg", "fodt", "fods", "fodp", "fodg", "xlf"};

template <size_t N>
bool one_of(const std::string& ext,
            const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), ext) != list.end();
}

}  // namespace

TextSource text_source(std::span<const std::byte> data, std::string_view name,
                       bool pdf) {
  if (data.empty())
    return TextSource::kNone;
  if (pdf)
    return TextSource::kPdf;
  if (is_compound_file(data))
    return TextSource::kOle;
  const std::string head = head_of(data, 16);
  if (head.starts_with("{\\rtf"))
    return TextSource::kRtf;
  const std::string ext = lower_extension(name);
  if (one_of(ext, kHtmlExtensions) || head.starts_with("<!doctype html") ||
      head.starts_with("<html"))
    return TextSource::kHtml;
  if (is_text_part(name) || one_of(ext, kXmlExtensions))
    return TextSource::kMarkup;
  return TextSource::kNone;
}

ExtractedText extract_text(TextSource source, std::span<const std::byte> data,
                           const TextLimits& limits) {
  ExtractedText out;
  switch (source) {
    case TextSource::kPdf:
      out = pdf_text(data, limits);
      break;
    case TextSource::kMarkup:
      out = xml_text(data, limits);
      break;
    case TextSource::kHtml:
      out = html_text(data, limits);
      break;
    case TextSource::kRtf:
      out = rtf_text(data, limits);
      break;
    case TextSource::kOle:
      out = ole_text(data, limits);
      break;
    case TextSource::kNone:
      break;
  }
  // A parser in recovery mode may pass bytes of a broken document through
  // (found by the text fuzz target): the text layer is UTF-8 always.
  replace_invalid_utf8(out.text);
  return out;
}

std::string_view source_name(TextSource source) {
  switch (source) {
    case TextSource::kPdf:
      return "PDF";
    case TextSource::kMarkup:
      return "XML";
    case TextSource::kHtml:
      return "HTML";
    case TextSource::kRtf:
      return "RTF";
    case TextSource::kOle:
      return "Office 97-2003";
    case TextSource::kNone:
      break;
  }
  return "none";
}

}  // namespace mamori::extract
