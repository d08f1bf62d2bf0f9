// xml_text, html_text and is_text_part. Both readers feed one MarkupText,
// which decides from an element's local name (the namespace prefix does not
// matter: w:p, a:p, text:p and <p> are all paragraphs) whether its end
// separates text, and whether its content is skipped.
#include "extract/markup_text.h"

#include "extract/text_sink.h"

#include "common/glob.h"
#include "common/text.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mamori::extract {
namespace {

// ---- libxml2 set-up -------------------------------------------------------

// xmlInitParser is not safe to race with a first parse on another thread;
// a function-local static runs it exactly once.
void init_libxml() {
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
}

void ignore_generic_error(void*, const char*, ...) {}
void ignore_structured_error(void*, xmlErrorPtr) {}

// Some messages (encoding trouble found while a reader or HTML parser is
// being set up, the tree parser's errors) go to the thread's default
// handlers, which print to stderr. libxml2 keeps those handlers per thread
// (the main thread's are the process-wide defaults, which threads started
// later have already copied), so replacing them for the duration of one
// call races with no other thread.
class QuietLibxml {
 public:
  QuietLibxml()
      : generic_(xmlGenericError),
        generic_context_(xmlGenericErrorContext),
        structured_(xmlStructuredError),
        structured_context_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
  }
  ~QuietLibxml() {
    xmlSetGenericErrorFunc(generic_context_, generic_);
    xmlSetStructuredErrorFunc(structured_context_, structured_);
  }
  QuietLibxml(const QuietLibxml&) = delete;
  QuietLibxml& operator=(const QuietLibxml&) = delete;

 private:
  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
};

struct FreeReader {
  void operator()(xmlTextReader* r) const noexcept { xmlFreeTextReader(r); }
};
struct FreeDoc {
  void operator()(xmlDoc* d) const noexcept { xmlFreeDoc(d); }
};
struct FreeXmlChar {
  void operator()(xmlChar* s) const noexcept { xmlFree(s); }
};

std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view()
                      : std::string_view(reinterpret_cast<const char*>(s));
}

// ---- what each element means to a reader ----------------------------------

enum class Role {
  kInline,  // text joins its neighbours: runs, spans, links, emphasis
  kBlock,   // ends with "\n" when it held text: paragraphs, rows, items
  kPre,     // a block whose white space is kept (HTML <pre>)
  kCell,    // ends with "\t" when it held text
  kBreak,   // is "\n" itself: line breaks
  kTab,     // is "\t" itself
  kSpace,   // is " " itself when empty (ODF text:s; HTML <s> has content)
  kSkip,    // its content is not what a reader sees
  kOther,   // ends with "\n" only when text sat directly in it: property
            // values (dc:title), comment texts, <title>
};

struct ElementRole {
  std::string_view name;
  Role role;
};

// Sorted by name (checked in a test through behaviour, and by the
// std::is_sorted assertion in role_of). Names are local names of OOXML
// (w:, a:, x:), ODF (text:, table:) and (X)HTML elements.
//
// Skipped: field codes (instrText, delInstrText), spreadsheet formulas (f,
// handled in MarkupText::start), script and style, ruby readings (rt, rp,
// ruby-text: furigana inside a word would break the word for keyword
// rules), embedded base64 (binData, fldData, binary-data), tab-stop
// definitions (tabs, tabLst: their <w:tab> is not a tab in the text) and
// mc:Fallback, which repeats the content of mc:Choice for old readers.
// Kept: delText, text deleted with tracked changes on. A reviewer who opens
// the document sees it, and a leak does not stop being one by being
// marked deleted.
constexpr std::array kRoles = std::to_array<ElementRole>({
    {"Fallback", Role::kSkip},
    {"a", Role::kInline},
    {"abbr", Role::kInline},
    {"address", Role::kBlock},
    {"article", Role::kBlock},
    {"aside", Role::kBlock},
    {"author-initials", Role::kInline},
    {"author-name", Role::kInline},
    {"b", Role::kInline},
    {"bdi", Role::kInline},
    {"bdo", Role::kInline},
    {"big", Role::kInline},
    {"binData", Role::kSkip},
    {"binary-data", Role::kSkip},
    {"blockquote", Role::kBlock},
    {"body", Role::kBlock},
    {"br", Role::kBreak},
    {"c", Role::kCell},
    {"caption", Role::kBlock},
    {"chapter", Role::kInline},
    {"cite", Role::kInline},
    {"code", Role::kInline},
    {"comment", Role::kBlock},
    {"covered-table-cell", Role::kCell},
    {"cr", Role::kBreak},
    {"date", Role::kInline},
    {"dd", Role::kBlock},
    {"del", Role::kInline},
    {"delInstrText", Role::kSkip},
    {"delText", Role::kInline},
    {"dfn", Role::kInline},
    {"div", Role::kBlock},
    {"dl", Role::kBlock},
    {"dt", Role::kBlock},
    {"em", Role::kInline},
    {"figcaption", Role::kBlock},
    {"figure", Role::kBlock},
    {"file-name", Role::kInline},
    {"fld", Role::kInline},
    {"fldData", Role::kSkip},
    {"font", Role::kInline},
    {"footer", Role::kBlock},
    {"form", Role::kBlock},
    {"h", Role::kBlock},
    {"h1", Role::kBlock},
    {"h2", Role::kBlock},
    {"h3", Role::kBlock},
    {"h4", Role::kBlock},
    {"h5", Role::kBlock},
    {"h6", Role::kBlock},
    {"header", Role::kBlock},
    {"hr", Role::kBreak},
    {"i", Role::kInline},
    {"ins", Role::kInline},
    {"instrText", Role::kSkip},
    {"kbd", Role::kInline},
    {"label", Role::kInline},
    {"li", Role::kBlock},
    {"line-break", Role::kBreak},
    {"list-header", Role::kBlock},
    {"list-item", Role::kBlock},
    {"main", Role::kBlock},
    {"mark", Role::kInline},
    {"nav", Role::kBlock},
    {"note-citation", Role::kInline},
    {"ol", Role::kBlock},
    {"p", Role::kBlock},
    {"page-count", Role::kInline},
    {"page-number", Role::kInline},
    {"pre", Role::kPre},
    {"ptab", Role::kTab},
    {"q", Role::kInline},
    {"r", Role::kInline},
    {"row", Role::kBlock},
    {"rp", Role::kSkip},
    {"rt", Role::kSkip},
    {"ruby", Role::kInline},
    {"ruby-base", Role::kInline},
    {"ruby-text", Role::kSkip},
    {"rubyBase", Role::kInline},
    {"s", Role::kSpace},
    {"samp", Role::kInline},
    {"script", Role::kSkip},
    {"section", Role::kBlock},
    {"sequence", Role::kInline},
    {"si", Role::kBlock},
    {"small", Role::kInline},
    {"span", Role::kInline},
    {"strike", Role::kInline},
    {"strong", Role::kInline},
    {"style", Role::kSkip},
    {"sub", Role::kInline},
    {"sup", Role::kInline},
    {"t", Role::kInline},
    {"tab", Role::kTab},
    {"tabLst", Role::kSkip},
    {"table", Role::kBlock},
    {"table-cell", Role::kCell},
    {"table-row", Role::kBlock},
    {"tabs", Role::kSkip},
    {"tbody", Role::kBlock},
    {"tc", Role::kCell},
    {"td", Role::kCell},
    {"textarea", Role::kPre},
    {"tfoot", Role::kBlock},
    {"th", Role::kCell},
    {"thead", Role::kBlock},
    {"time", Role::kInline},
    {"tr", Role::kBlock},
    {"tt", Role::kInline},
    {"u", Role::kInline},
    {"ul", Role::kBlock},
    {"user-field-get", Role::kInline},
    {"var", Role::kInline},
    {"variable-get", Role::kInline},
});

Role role_of(std::string_view name) {
  static_assert(std::is_sorted(kRoles.begin(), kRoles.end(),
                               [](const ElementRole& a, const ElementRole& b) {
                                 return a.name < b.name;
                               }));
  const auto it = std::lower_bound(
      kRoles.begin(), kRoles.end(), name,
      [](const ElementRole& e, std::string_view n) { return e.name < n; });
  return it != kRoles.end() && it->name == name ? it->role : Role::kOther;
}

// ---- building the text -----------------------------------------------------

bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_xml_space);
}

// An element's xml:space attribute.
enum class Space { kInherit, kDefault, kPreserve };

Space space_of(std::string_view value) {
  if (value == "preserve")
    return Space::kPreserve;
  return value == "default" ? Space::kDefault : Space::kInherit;
}

class MarkupText {
 public:
  MarkupText(const TextLimits& limits, bool html,
             std::chrono::steady_clock::time_point start)
      : sink_(limits, start), html_(html) {}

  // `empty`: the element has no content and no end event will follow.
  // `shared_string_cell`: a spreadsheet <c t="s">, whose <v> is an index
  // into the shared strings, not text.
  void start(std::string_view name, bool empty, bool shared_string_cell,
             Space space) {
    if (skip_depth_ > 0) {
      skip_depth_ += empty ? 0 : 1;
      return;
    }
    Role role = role_of(name);
    if (!frames_.empty() && frames_.back().name == "c" &&
        (name == "f" || (name == "v" && frames_.back().shared_string_cell))) {
      role = Role::kSkip;
    }
    switch (role) {
      case Role::kSkip:
        skip_depth_ = empty ? 0 : 1;
        return;
      case Role::kBreak:
        sink_.append('\n');
        break;
      case Role::kTab:
        sink_.append('\t');
        break;
      case Role::kSpace:
        if (empty)
          sink_.append(' ');
        break;
      default:
        break;
    }
    if (empty)
      return;
    if (role == Role::kPre)
      ++pre_depth_;
    const bool preserve =
        space == Space::kInherit ? preserve_space() : space == Space::kPreserve;
    frames_.push_back(
        Frame{name, role, sink_.size(), false, shared_string_cell, preserve});
  }

  void end() {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return;
    }
    if (frames_.empty())
      return;
    const Frame frame = frames_.back();
    frames_.pop_back();
    if (frame.role == Role::kPre)
      --pre_depth_;
    if (sink_.size() == frame.start_size)
      return;  // held no text: nothing to separate
    switch (frame.role) {
      case Role::kBlock:
      case Role::kPre:
        sink_.separate('\n');
        break;
      case Role::kCell:
        sink_.separate('\t');
        break;
      case Role::kOther:
        if (frame.direct_text)
          sink_.separate('\n');
        break;
      default:
        break;
    }
  }

  void text(std::string_view s) {
    if (skip_depth_ > 0)
      return;
    const bool blank = is_blank(s);
    if (!blank && !frames_.empty())
      frames_.back().direct_text = true;
    if (html_) {
      if (pre_depth_ > 0)
        sink_.append(s);
      else
        append_collapsed(s);
    } else if (!blank || preserve_space()) {
      sink_.append(s);
    } else if (s.find_first_of("\r\n") == std::string_view::npos &&
               !sink_.ends_with_space()) {
      // White space between tags that spans lines is indentation: dropped,
      // so that runs and spans written one per line still join. A space on
      // one line between two inline elements separates two words.
      sink_.append(' ');
    }
  }

  bool stopped() { return sink_.stopped(); }
  ExtractedText finish(std::string error) {
    return sink_.finish(std::move(error));
  }

 private:
  struct Frame {
    std::string_view name;  // libxml2's string: lives as long as the parse
    Role role;
    size_t start_size;  // text size when the element started
    bool direct_text;   // a text node sat directly in this element
    bool shared_string_cell;
    bool preserve;  // xml:space="preserve" in effect
  };

  bool preserve_space() const {
    return !frames_.empty() && frames_.back().preserve;
  }

  // HTML: each run of white space is one space, none at a line's start.
  void append_collapsed(std::string_view s) {
    std::string out;
    bool space = sink_.ends_with_space();
    for (const char c : s) {
      if (is_xml_space(c)) {
        if (!space)
          out.push_back(' ');
        space = true;
      } else {
        out.push_back(c);
        space = false;
      }
    }
    sink_.append(out);
  }

  TextSink sink_;
  bool html_;
  std::vector<Frame> frames_;
  size_t skip_depth_ = 0;  // > 0: inside a skipped element
  size_t pre_depth_ = 0;
};

// ---- libxml2 trees (HTML, and XML the reader gave up on) --------------------

std::string attribute(const xmlNode* node, const char* name,
                      const xmlChar* ns) {
  const std::unique_ptr<xmlChar, FreeXmlChar> value(
      ns == nullptr ? xmlGetNoNsProp(node, BAD_CAST name)
                    : xmlGetNsProp(node, BAD_CAST name, ns));
  return std::string(view(value.get()));
}

// Depth-first walk without recursion (broken HTML can nest deeply). Entity
// references are not entered: their content would be the expansion.
void walk_tree(const xmlDoc* doc, bool xml, MarkupText& text) {
  const xmlNode* const top = reinterpret_cast<const xmlNode*>(doc);
  const xmlNode* node = doc->children;
  while (node != nullptr && !text.stopped()) {
    bool descend = false;
    if (node->type == XML_ELEMENT_NODE) {
      descend = node->children != nullptr;
      const std::string_view name = view(node->name);
      const bool with_attributes = xml && node->properties != nullptr;
      text.start(name, !descend,
                 with_attributes && name == "c" &&
                     attribute(node, "t", nullptr) == "s",
                 with_attributes
                     ? space_of(attribute(node, "space", XML_XML_NAMESPACE))
                     : Space::kInherit);
    } else if (node->type == XML_TEXT_NODE ||
               node->type == XML_CDATA_SECTION_NODE) {
      text.text(view(node->content));
    }
    if (descend) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == nullptr || node == top)
        node = nullptr;
      else
        text.end();
    }
    if (node != nullptr)
      node = node->next;
  }
}

// ---- XML: the streaming reader ---------------------------------------------

// The first fatal error, for ExtractedText::error. A reference to an
// undeclared entity (&nbsp; in XHTML without its DTD) only loses that
// character, so it does not count.
void record_error(void* arg, xmlErrorPtr error) {
  auto* first = static_cast<std::string*>(arg);
  if (error == nullptr || error->level != XML_ERR_FATAL ||
      error->code == XML_ERR_UNDECLARED_ENTITY || !first->empty()) {
    return;
  }
  std::string message(trim(error->message == nullptr ? "" : error->message));
  *first = "XML line " + std::to_string(error->line) + ": " +
           (message.empty() ? "not well-formed" : message);
}

std::string reader_attribute(xmlTextReader* reader, const char* name,
                             const xmlChar* ns) {
  const std::unique_ptr<xmlChar, FreeXmlChar> value(
      ns == nullptr ? xmlTextReaderGetAttribute(reader, BAD_CAST name)
                    : xmlTextReaderGetAttributeNs(reader, BAD_CAST name, ns));
  return std::string(view(value.get()));
}

// Streams `xml` into `text`. False when the reader gave up on a fault;
// `error` then says where.
bool read_stream(std::span<const std::byte> xml, MarkupText& text,
                 std::string& error) {
  // No XML_PARSE_NOENT (entities stay references), no DTD loading, no
  // network, no XML_PARSE_HUGE (libxml2's depth and size limits stay on).
  // Errors go to record_error (set below), never to stderr.
  const std::unique_ptr<xmlTextReader, FreeReader> reader(xmlReaderForMemory(
      reinterpret_cast<const char*>(xml.data()), static_cast<int>(xml.size()),
      nullptr, nullptr, XML_PARSE_NONET | XML_PARSE_RECOVER));
  if (reader == nullptr) {
    error = "libxml2 could not start a reader";
    return false;
  }
  xmlTextReaderSetStructuredErrorHandler(reader.get(), record_error, &error);
  while (!text.stopped()) {
    const int rc = xmlTextReaderRead(reader.get());
    if (rc == 0)
      return true;
    if (rc < 0) {
      if (error.empty())
        error = "XML document is not well-formed";
      return false;
    }
    xmlTextReader* r = reader.get();
    switch (xmlTextReaderNodeType(r)) {
      case XML_READER_TYPE_ELEMENT: {
        const std::string_view name = view(xmlTextReaderConstLocalName(r));
        const bool with_attributes = xmlTextReaderHasAttributes(r) == 1;
        text.start(name, xmlTextReaderIsEmptyElement(r) == 1,
                   with_attributes && name == "c" &&
                       reader_attribute(r, "t", nullptr) == "s",
                   with_attributes ? space_of(reader_attribute(
                                         r, "space", XML_XML_NAMESPACE))
                                   : Space::kInherit);
        break;
      }
      case XML_READER_TYPE_END_ELEMENT:
        text.end();
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        // libxml2 2.9 calls all white space significant when no xml:space
        // is in scope; MarkupText tracks xml:space itself.
        text.text(view(xmlTextReaderConstValue(r)));
        break;
      default:
        break;  // comments, processing instructions, entity references
    }
  }
  return true;
}

}  // namespace

ExtractedText xml_text(std::span<const std::byte> xml,
                       const TextLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  MarkupText text(limits, false, start);
  if (xml.empty())
    return text.finish("");
  if (xml.size() > INT_MAX)
    return text.finish("XML document too large for libxml2");
  init_libxml();
  const QuietLibxml quiet;
  std::string error;
  if (read_stream(xml, text, error))
    return text.finish(std::move(error));
  // The reader stops at a fault and keeps back the element it was in. A
  // recovering parse into a tree gets the text on both sides of the fault;
  // it costs memory in proportion to the input, but only for broken
  // documents.
  const std::unique_ptr<xmlDoc, FreeDoc> doc(xmlReadMemory(
      reinterpret_cast<const char*>(xml.data()), static_cast<int>(xml.size()),
      nullptr, nullptr, XML_PARSE_NONET | XML_PARSE_RECOVER));
  if (doc == nullptr)
    return text.finish(std::move(error));
  MarkupText recovered(limits, false, start);
  walk_tree(doc.get(), true, recovered);
  return recovered.finish(std::move(error));
}

// ---- HTML: libxml2's tree ---------------------------------------------------

ExtractedText html_text(std::span<const std::byte> html,
                        const TextLimits& limits) {
  MarkupText text(limits, true, std::chrono::steady_clock::now());
  if (html.empty())
    return text.finish("");
  if (html.size() > INT_MAX)
    return text.finish("HTML document too large for libxml2");
  init_libxml();
  const QuietLibxml quiet;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                HTML_PARSE_NOWARNING;
  // A UTF-8 byte-order mark outranks a <meta> charset, as in browsers (a
  // mail part converted to UTF-8 keeps the <meta> of its old charset);
  // libxml2 believes the <meta> unless told.
  const char* encoding = nullptr;
  if (html.size() >= 3 && html[0] == std::byte{0xEF} &&
      html[1] == std::byte{0xBB} && html[2] == std::byte{0xBF}) {
    html = html.subspan(3);
    encoding = "UTF-8";
    options |= HTML_PARSE_IGNORE_ENC;
  }
  const std::unique_ptr<xmlDoc, FreeDoc> doc(htmlReadMemory(
      reinterpret_cast<const char*>(html.data()), static_cast<int>(html.size()),
      nullptr, encoding, options));
  if (doc == nullptr)
    return text.finish("libxml2 could not read the HTML");
  walk_tree(doc.get(), false, text);
  return text.finish("");
}

// ---- package members -------------------------------------------------------

bool is_text_part(std::string_view member_path) {
  // Lower case, as the paths are compared lower-cased.
  static const std::vector<PathGlob> kParts = [] {
    std::vector<PathGlob> globs;
    for (const char* pattern :
         {"word/document.xml", "word/header*.xml", "word/footer*.xml",
          "word/footnotes.xml", "word/endnotes.xml", "word/comments*.xml",
          "xl/sharedstrings.xml", "xl/worksheets/sheet*.xml",
          "xl/comments*.xml", "xl/threadedcomments/*", "ppt/slides/slide*.xml",
          "ppt/notesslides/*.xml", "ppt/comments/*", "docprops/core.xml",
          "docprops/app.xml", "docprops/custom.xml",
          // ODF: body, headers and footers (in styles.xml), metadata.
          "content.xml", "styles.xml", "meta.xml"}) {
      std::string error;
      globs.push_back(*PathGlob::compile(pattern, &error));
    }
    return globs;
  }();
  if (member_path.starts_with('/'))
    member_path.remove_prefix(1);
  const std::string path = to_lower(member_path);
  // EPUB chapters, wherever the package keeps them.
  for (const std::string_view ext : {".xhtml", ".html", ".htm"}) {
    if (path.ends_with(ext) && path.size() > ext.size() &&
        path[path.size() - ext.size() - 1] != '/') {
      return true;
    }
  }
  return std::any_of(kParts.begin(), kParts.end(),
                     [&](const PathGlob& g) { return g.matches(path); });
}

}  // namespace mamori::extract
