// rtf_text: one pass over the bytes with a stack of group states. Text
// bytes wait in `pending_` until something else comes (a control word that
// emits text, a group boundary, a change of code page), so that the two
// bytes of a CP932 character, written as two `\'hh`, are decoded together.
#include "extract/rtf_text.h"

#include "extract/text_sink.h"

#include "common/encoding.h"
#include "common/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::extract {
namespace {

// Beyond this nesting, groups are counted but share their parent's state:
// a hostile file of braces cannot grow the stack without bound.
constexpr size_t kMaxGroupDepth = 512;
// Fonts remembered from \fonttbl; more are treated as using \ansicpg.
constexpr size_t kMaxFonts = 4096;
constexpr int kDefaultCodePage = 1252;

// iconv name of a Windows code page; unknown pages read as 1252.
const char* code_page_name(int cp) {
  switch (cp) {
    case 437:
      return "CP437";
    case 850:
      return "CP850";
    case 874:
      return "CP874";
    case 932:
      return "CP932";
    case 936:
      return "CP936";
    case 949:
      return "CP949";
    case 950:
      return "CP950";
    case 1250:
      return "CP1250";
    case 1251:
      return "CP1251";
    case 1253:
      return "CP1253";
    case 1254:
      return "CP1254";
    case 1255:
      return "CP1255";
    case 1256:
      return "CP1256";
    case 1257:
      return "CP1257";
    case 1258:
      return "CP1258";
    case 1361:
      return "CP1361";
    case 10000:
      return "MACINTOSH";
    default:
      return "CP1252";
  }
}

// Code page of a font's \fcharset; 0 for ANSI, DEFAULT and charsets that
// name no page of their own, which then use the document's \ansicpg.
int charset_code_page(int charset) {
  switch (charset) {
    case 77:
      return 10000;
    case 128:
      return 932;  // SHIFTJIS_CHARSET
    case 129:
      return 949;  // HANGUL
    case 130:
      return 1361;  // JOHAB
    case 134:
      return 936;  // GB2312
    case 136:
      return 950;  // BIG5
    case 161:
      return 1253;
    case 162:
      return 1254;
    case 163:
      return 1258;
    case 177:
      return 1255;
    case 178:
      return 1256;
    case 186:
      return 1257;
    case 204:
      return 1251;
    case 222:
      return 874;
    case 238:
      return 1250;
    default:
      return 0;
  }
}

// Destinations whose content is not text a reader sees.
constexpr std::array<std::string_view, 23> kSkippedDestinations = {
    "bkmkend",      "bkmkstart",         "colorschememapping",
    "colortbl",     "datastore",         "filetbl",
    "fldinst",      "fonttbl",           "generator",
    "latentstyles", "listoverridetable", "listtable",
    "nonshppict",   "objdata",           "pict",
    "revtbl",       "rsidtbl",           "stylesheet",
    "tc",           "template",          "themedata",
    "xe",           "xmlnstbl"};

// Document information fields: each ends with a line break.
constexpr std::array<std::string_view, 11> kInfoFields = {
    "author",   "category", "comment",  "company", "doccomm", "hlinkbase",
    "keywords", "manager",  "operator", "subject", "title"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& list,
              std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes `bytes` in code page `cp`. A byte that is not valid there (a
// lead byte without its trail, an unassigned byte) becomes U+FFFD, and the
// rest still decodes.
std::string decode(std::string_view bytes, int cp) {
  if (std::all_of(bytes.begin(), bytes.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80;
      })) {
    return std::string(bytes);
  }
  const char* name = code_page_name(cp);
  if (auto whole = convert_encoding(bytes, name, "UTF-8"))
    return std::move(*whole);
  std::string out;
  size_t i = 0;
  while (i < bytes.size()) {
    size_t n = 1;
    std::optional<std::string> one =
        convert_encoding(bytes.substr(i, 1), name, "UTF-8");
    if (!one && i + 1 < bytes.size()) {
      n = 2;
      one = convert_encoding(bytes.substr(i, 2), name, "UTF-8");
    }
    if (one) {
      out += *one;
      i += n;
    } else {
      out += kReplacement;
      ++i;
    }
  }
  return out;
}

bool is_letter(uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int hex_value(uint8_t c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

class RtfReader {
 public:
  RtfReader(std::span<const std::byte> rtf, const TextLimits& limits)
      : in_(reinterpret_cast<const uint8_t*>(rtf.data()), rtf.size()),
        sink_(limits) {}

  ExtractedText read() {
    const std::string_view head(reinterpret_cast<const char*>(in_.data()),
                                std::min<size_t>(in_.size(), 5));
    if (head != "{\\rtf")
      return sink_.finish("not an RTF document (no {\\rtf at the start)");
    groups_.push_back(Group{});
    while (pos_ < in_.size() && !sink_.stopped())
      step();
    flush();
    const bool open = depth_ > 0 && !sink_.stopped();
    return sink_.finish(open ? "RTF ends inside a group (truncated?)" : "");
  }

 private:
  struct Group {
    int uc = 1;            // fallback characters after \uN
    int font = -1;         // \fN in effect; -1: \deff
    bool skip = false;     // a destination no reader sees
    bool star = false;     // \* seen: skip unless the word is kept
    bool fonttbl = false;  // inside \fonttbl: \f and \fcharset define fonts
    bool info_field = false;
  };

  Group& group() { return groups_.back(); }

  void step() {
    const uint8_t c = in_[pos_];
    switch (c) {
      case '{':
        ++pos_;
        open_group();
        return;
      case '}':
        ++pos_;
        close_group();
        return;
      case '\\':
        ++pos_;
        control();
        return;
      case '\r':
      case '\n':
        ++pos_;
        return;  // line breaks of the file, not of the text
      default:
        ++pos_;
        text_byte(c);
        return;
    }
  }

  void open_group() {
    flush();
    skip_chars_ = 0;
    ++depth_;
    if (groups_.size() >= kMaxGroupDepth)
      return;
    Group child = group();
    child.star = false;
    child.info_field = false;
    groups_.push_back(child);
  }

  void close_group() {
    flush();
    skip_chars_ = 0;
    if (depth_ == 0)
      return;  // a stray brace
    --depth_;
    if (groups_.size() <= depth_ + 1 || groups_.size() == 1)
      return;  // a group past kMaxGroupDepth shared its parent's state
    const Group closed = group();
    groups_.pop_back();
    if (closed.info_field && !closed.skip)
      sink_.separate('\n');
  }

  void control() {
    if (pos_ >= in_.size())
      return;
    const uint8_t c = in_[pos_];
    if (is_letter(c)) {
      control_word();
      return;
    }
    ++pos_;
    switch (c) {
      case '\'':
        hex_byte();
        return;
      case '\\':
      case '{':
      case '}':
        text_byte(c);
        return;
      case '*':
        group().star = true;
        return;
      default:
        break;
    }
    if (consume_fallback())
      return;
    if (group().skip)
      return;
    switch (c) {
      case '~':
        emit("\xC2\xA0");  // no-break space
        return;
      case '_':
        emit("-");  // non-breaking hyphen
        return;
      case '\r':
      case '\n':
        emit("\n");  // "\" before a line break is \par
        return;
      default:
        return;  // \- optional hyphen, \: and others: nothing visible
    }
  }

  void hex_byte() {
    if (pos_ + 2 > in_.size())
      return;
    const int hi = hex_value(in_[pos_]);
    const int lo = hex_value(in_[pos_ + 1]);
    if (hi < 0 || lo < 0)
      return;
    pos_ += 2;
    text_byte(static_cast<uint8_t>(hi * 16 + lo));
  }

  void control_word() {
    const size_t start = pos_;
    while (pos_ < in_.size() && is_letter(in_[pos_]))
      ++pos_;
    const std::string_view word(
        reinterpret_cast<const char*>(in_.data()) + start,
        std::min<size_t>(pos_ - start, 32));
    bool negative = false;
    if (pos_ < in_.size() && in_[pos_] == '-') {
      negative = true;
      ++pos_;
    }
    bool has_param = false;
    int64_t param = 0;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') {
      if (param < 1'000'000'000)
        param = param * 10 + (in_[pos_] - '0');
      has_param = true;
      ++pos_;
    }
    if (negative)
      param = -param;
    if (pos_ < in_.size() && in_[pos_] == ' ')
      ++pos_;  // the delimiter belongs to the word
    handle_word(word, has_param, static_cast<int>(param));
  }

  void handle_word(std::string_view word, bool has_param, int param) {
    if (word == "bin") {
      // Raw binary follows; it is never text, even as a \u fallback.
      if (has_param && param > 0)
        pos_ += std::min<size_t>(static_cast<size_t>(param), in_.size() - pos_);
      consume_fallback();
      return;
    }
    if (consume_fallback())
      return;
    Group& g = group();
    if (g.star) {
      g.star = false;
      if (word != "annotation")
        g.skip = true;
    }
    if (word == "fonttbl")
      g.fonttbl = true;
    if (g.fonttbl) {
      define_font(word, param);
    } else if (word == "f") {
      flush();
      g.font = param;
    } else if (word == "plain") {
      flush();
      g.font = -1;
    } else if (word == "deff") {
      default_font_ = param;
    } else if (word == "ansicpg" && has_param) {
      flush();
      ansi_cp_ = param;
    } else if (word == "ansi") {
      ansi_cp_ = 1252;
    } else if (word == "mac") {
      ansi_cp_ = 10000;
    } else if (word == "pc") {
      ansi_cp_ = 437;
    } else if (word == "pca") {
      ansi_cp_ = 850;
    } else if (word == "uc" && has_param) {
      g.uc = std::clamp(param, 0, 16);
    }
    if (contains(kSkippedDestinations, word))
      g.skip = true;
    if (contains(kInfoFields, word))
      g.info_field = true;
    if (!g.skip)
      visible_word(word, has_param, param);
  }

  void define_font(std::string_view word, int param) {
    if (word == "f") {
      table_font_ = param;
    } else if (word == "fcharset" && table_font_ >= 0) {
      if (font_cp_.size() < kMaxFonts || font_cp_.count(table_font_) > 0)
        font_cp_[table_font_] = charset_code_page(param);
    }
  }

  void visible_word(std::string_view word, bool has_param, int param) {
    if (word == "par" || word == "line" || word == "sect" || word == "page") {
      emit("\n");
    } else if (word == "tab") {
      emit("\t");
    } else if (word == "cell" || word == "nestcell") {
      flush();
      sink_.separate('\t');
    } else if (word == "row" || word == "nestrow") {
      flush();
      sink_.separate('\n');
    } else if (word == "u" && has_param) {
      unicode(param < 0 ? param + 65536 : param);
      skip_chars_ = group().uc;
    } else if (word == "emdash") {
      emit("\u2014");
    } else if (word == "endash") {
      emit("\u2013");
    } else if (word == "bullet") {
      emit("\u2022");
    } else if (word == "lquote") {
      emit("\u2018");
    } else if (word == "rquote") {
      emit("\u2019");
    } else if (word == "ldblquote") {
      emit("\u201C");
    } else if (word == "rdblquote") {
      emit("\u201D");
    } else if (word == "emspace" || word == "enspace" || word == "qmspace") {
      emit(" ");
    }
  }

  // One UTF-16 unit of \uN; a surrogate pair arrives as two.
  void unicode(int unit) {
    if (unit < 0 || unit > 0xFFFF)
      return;
    const auto u = static_cast<uint32_t>(unit);
    std::string out;
    if (u >= 0xD800 && u < 0xDC00) {
      flush();
      high_surrogate_ = u;
      return;
    }
    if (u >= 0xDC00 && u < 0xE000) {
      if (high_surrogate_ != 0)
        append_utf8(
            out, 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (u - 0xDC00));
      else
        out = kReplacement;
    } else if (u != 0) {
      append_utf8(out, u);
    }
    emit(out);
  }

  // True when the current character is a \uN fallback, now dropped.
  bool consume_fallback() {
    if (skip_chars_ == 0)
      return false;
    --skip_chars_;
    return true;
  }

  void text_byte(uint8_t b) {
    if (consume_fallback() || group().skip)
      return;
    const int cp = code_page();
    if (!pending_.empty() && cp != pending_cp_)
      flush();
    pending_.push_back(static_cast<char>(b));
    pending_cp_ = cp;
  }

  int code_page() const {
    const int font =
        groups_.back().font >= 0 ? groups_.back().font : default_font_;
    const auto it = font_cp_.find(font);
    return it != font_cp_.end() && it->second != 0 ? it->second : ansi_cp_;
  }

  void emit(std::string_view s) {
    flush();
    if (high_surrogate_ != 0 && !s.empty()) {
      high_surrogate_ = 0;  // an unpaired high surrogate is dropped
    }
    sink_.append(s);
  }

  void flush() {
    if (pending_.empty())
      return;
    high_surrogate_ = 0;
    sink_.append(decode(pending_, pending_cp_));
    pending_.clear();
  }

  std::span<const uint8_t> in_;
  size_t pos_ = 0;
  TextSink sink_;
  std::vector<Group> groups_;
  size_t depth_ = 0;  // open groups, including those past kMaxGroupDepth
  int ansi_cp_ = kDefaultCodePage;
  int default_font_ = -1;
  int table_font_ = -1;  // the font \fonttbl is defining
  std::map<int, int> font_cp_;
  std::string pending_;  // text bytes in `pending_cp_`, not yet decoded
  int pending_cp_ = kDefaultCodePage;
  int skip_chars_ = 0;  // \uN fallback characters still to drop
  uint32_t high_surrogate_ = 0;
};

}  // namespace

ExtractedText rtf_text(std::span<const std::byte> rtf,
                       const TextLimits& limits) {
  return RtfReader(rtf, limits).read();
}

}  // namespace mamori::extract
