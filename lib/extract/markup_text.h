// The text a person reads in markup: XML parts of office packages (OOXML,
// ODF), XHTML and HTML. Keyword rules run on this text rather than on the
// raw markup, where Word splits a word across runs and tags sit between
// its characters.
//
// Both readers go through libxml2 without network access and without
// expanding entities other than the predefined ones and character
// references, with libxml2's messages kept off stderr. They recover what
// text they can from broken markup.
#pragma once

#include "extract/text_limits.h"

#include <cstddef>
#include <span>
#include <string_view>

namespace mamori::extract {

// The character data of an XML document, read as a stream (the document is
// never held as a tree). Text runs inside one paragraph are joined without
// separators; paragraphs, rows, list items and the like end with "\n",
// cells and tabs give "\t". Field codes (w:instrText), formulas, the
// content of <script>/<style>, ruby readings and embedded binary data are
// left out; deleted text of tracked changes is kept. Attribute values are
// never text.
//
// `error` is set when the document is not well-formed; the text is then
// what could be recovered before and after the fault. `truncated` is set
// when `limits` stopped the reading.
ExtractedText xml_text(std::span<const std::byte> xml,
                       const TextLimits& limits);

// The text of an HTML page, outside <script> and <style>, with entities
// decoded and white space collapsed as a browser does (except in <pre>).
// The character set comes from a byte-order mark (a UTF-8 one outranks a
// <meta>, as in browsers) or <meta charset> (either form); without one
// libxml2 assumes UTF-8 or Latin-1. Block
// elements end with "\n", cells with "\t". HTML is always read, however
// broken; `error` is set only when libxml2 gives up entirely.
ExtractedText html_text(std::span<const std::byte> html,
                        const TextLimits& limits);

// True when `member_path`, a member of an OOXML, ODF or EPUB package (a
// path inside the zip, as "word/document.xml"), holds text a person reads:
// document body, headers, footers, notes and comments, shared strings and
// sheets, slides and notes, document properties, ODF content/styles/meta,
// and XHTML/HTML chapters. Compared case-insensitively (OPC part names are
// case-insensitive); a leading "/" is ignored.
bool is_text_part(std::string_view member_path);

}  // namespace mamori::extract
