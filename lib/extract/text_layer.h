// The text layer of an object: what a person reads in it, for the formats
// that do not store it as plain bytes (a PDF's glyph codes, Word's runs
// split at every edit, RTF's escapes, markup). Keyword rules and the rules
// of layer "text" or "any" (rules/rule_set.h) are matched on it; the
// object's own bytes are matched as before.
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>
#include <string_view>

namespace mamori::extract {

enum class TextSource {
  kNone,    // plain bytes already (or nothing a person reads)
  kPdf,     // pdf_text (poppler)
  kMarkup,  // xml_text: an Office Open XML or ODF part, an XML file
  kHtml,    // html_text
  kRtf,     // rtf_text
  kOle,     // ole_text: a compound file (legacy Excel workbook)
};

// Which extractor reads `data`, named `name` (a file path or a member path
// inside its container); `pdf`: the content sniffer recognised a PDF.
TextSource text_source(std::span<const std::byte> data, std::string_view name,
                       bool pdf);

// The text of `data` by `source`'s extractor, within `limits`.
ExtractedText extract_text(TextSource source, std::span<const std::byte> data,
                           const TextLimits& limits);

// A name for notices: "PDF", "XML", "HTML", "RTF".
std::string_view source_name(TextSource source);

}  // namespace mamori::extract
