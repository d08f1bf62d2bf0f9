// Keyword rules. An ASCII keyword is two text strings with `nocase
// fullword`, one `ascii` (the bytes are the same in UTF-8, Shift_JIS and
// EUC-JP) and one `wide` (UTF-16LE), so a match says its encoding. A keyword
// with other characters becomes one hex string per encoding. Each character is
// encoded on its own so that an ASCII letter can become a hex alternative of
// its two cases without touching the bytes of a neighbouring double-byte
// character (a Shift_JIS trail byte may be 0x41..0x7A, so a byte-wise case fold
// would be wrong).
#include "rules/keyword_rules.h"

#include "common/handle.h"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <set>

namespace mamori::rules {

namespace {

void close_iconv(void* cd) noexcept {
  iconv_close(static_cast<iconv_t>(cd));
}
using IconvHandle = CHandle<void, close_iconv>;

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Splits valid UTF-8 (the loader checked it) into its characters.
std::vector<std::string_view> utf8_characters(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t length = 1;
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    length = std::min(length, s.size() - i);
    out.push_back(s.substr(i, length));
    i += length;
  }
  return out;
}

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    if (!out.empty())
      out += ' ';
    out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

// One iconv converter from UTF-8, reused for every character: opening a
// converter loads a gconv module, far dearer than converting a character.
class Encoder {
 public:
  explicit Encoder(const char* encoding)
      : cd_(open(encoding)), encoding_(encoding) {}

  std::optional<std::string> convert(std::string_view utf8) const {
    if (!cd_)
      return std::nullopt;
    const auto cd = static_cast<iconv_t>(cd_.get());
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to initial state
    std::string in(utf8);
    std::string out(utf8.size() * 4 + 8, '\0');
    char* in_ptr = in.data();
    size_t in_left = in.size();
    char* out_ptr = out.data();
    size_t out_left = out.size();
    if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) ==
            static_cast<size_t>(-1) ||
        iconv(cd, nullptr, nullptr, &out_ptr, &out_left) ==
            static_cast<size_t>(-1)) {
      return std::nullopt;  // EILSEQ: not representable (E2BIG cannot happen)
    }
    out.resize(out.size() - out_left);
    return out;
  }
  const char* encoding() const { return encoding_; }

 private:
  static IconvHandle open(const char* encoding) {
    const iconv_t cd = iconv_open(encoding, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
      return nullptr;
    return IconvHandle(cd);
  }
  IconvHandle cd_;
  const char* encoding_;
};

// The hex-string body of `keyword` for `encoder`, or nullopt when a
// character cannot be encoded there.
std::optional<std::string> hex_pattern(std::string_view keyword,
                                       const Encoder& encoder) {
  std::string out;
  for (std::string_view ch : utf8_characters(keyword)) {
    std::string piece;
    if (ch.size() == 1 && is_ascii_letter(ch[0])) {
      const char lower = static_cast<char>(ch[0] | 0x20);
      const char upper = static_cast<char>(ch[0] & ~0x20);
      const auto lo = encoder.convert(std::string_view(&lower, 1));
      const auto up = encoder.convert(std::string_view(&upper, 1));
      if (!lo || !up)
        return std::nullopt;
      piece = fmt::format("( {} | {} )", hex_bytes(*up), hex_bytes(*lo));
    } else {
      const auto encoded = encoder.convert(ch);
      if (!encoded)
        return std::nullopt;
      piece = hex_bytes(*encoded);
    }
    if (!out.empty())
      out += ' ';
    out += piece;
  }
  return out;
}

std::string_view severity_for(assets::Sensitivity s) {
  switch (s) {
    case assets::Sensitivity::kCore:
      return "high";
    case assets::Sensitivity::kConfidential:
      return "medium";
    case assets::Sensitivity::kInternal:
      return "low";
  }
  return "low";
}

std::string encoding_label(const char* encoding) {
  std::string label;
  for (const char* p = encoding; *p != '\0'; ++p) {
    if (*p != '-')
      label += static_cast<char>(*p | 0x20);
  }
  return label;
}

void append_strings(const std::string& keyword, size_t index,
                    const std::vector<Encoder>& encoders, std::string& out,
                    std::vector<KeywordString>& strings) {
  if (is_ascii(keyword)) {
    const std::string text = escape_yara_text(keyword);
    out += fmt::format("    $k{}_ascii = \"{}\" ascii nocase fullword\n", index,
                       text);
    out += fmt::format("    $k{}_utf16le = \"{}\" wide nocase fullword\n",
                       index, text);
    strings.push_back({fmt::format("$k{}_ascii", index), keyword, "ASCII"});
    strings.push_back(
        {fmt::format("$k{}_utf16le", index), keyword, "UTF-16LE"});
    return;
  }
  std::set<std::string> seen;  // EUC-JP and EUC-JP-MS mostly agree
  for (const Encoder& encoder : encoders) {
    auto pattern = hex_pattern(keyword, encoder);
    if (!pattern || !seen.insert(*pattern).second)
      continue;
    const std::string id =
        fmt::format("$k{}_{}", index, encoding_label(encoder.encoding()));
    out += fmt::format("    {} = {{ {} }}\n", id, *pattern);
    strings.push_back({id, keyword, encoder.encoding()});
  }
}

std::string generate_rule(const assets::Asset& asset,
                          const std::vector<Encoder>& encoders,
                          std::vector<KeywordString>& strings) {
  std::string out = fmt::format(
      "rule {} : {}\n{{\n  meta:\n    description = \"keywords of asset "
      "{}: {}\"\n    severity = \"{}\"\n  strings:\n",
      keyword_rule_name(asset.id), asset.id, asset.id,
      escape_yara_text(asset.name), severity_for(asset.sensitivity));
  for (size_t i = 0; i < asset.keywords.size(); ++i) {
    append_strings(asset.keywords[i], i, encoders, out, strings);
  }
  out += "  condition:\n    any of them\n}\n\n";
  return out;
}

}  // namespace

std::string keyword_rule_name(std::string_view asset_id) {
  return fmt::format("asset_{}_keywords", asset_id);
}

std::optional<std::string> encode_text(std::string_view utf8,
                                       const char* encoding) {
  return Encoder(encoding).convert(utf8);
}

std::string escape_yara_text(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out;
}

KeywordRules generate_keyword_rule_set(const assets::Register& reg) {
  std::vector<Encoder> encoders;  // opened for the first keyword
  KeywordRules out;
  for (const assets::Asset& asset : reg.assets()) {
    if (asset.keywords.empty())
      continue;
    if (encoders.empty()) {
      for (const char* encoding : kKeywordEncodings)
        encoders.emplace_back(encoding);
    }
    std::vector<KeywordString>& strings =
        out.strings[keyword_rule_name(asset.id)];
    out.text += generate_rule(asset, encoders, strings);
  }
  return out;
}

std::string generate_keyword_rules(const assets::Register& reg) {
  return generate_keyword_rule_set(reg).text;
}

}  // namespace mamori::rules
