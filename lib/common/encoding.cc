// iconv-based conversion of whole strings (CP932, EUC-JP, UTF-16LE to and
// from UTF-8). An unconvertible or invalid byte fails the whole call: no
// character is dropped or replaced silently. The streaming UTF-16 decoder
// replaces what it cannot decode, and counts it.
#include "common/encoding.h"

#include "common/error.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace mamori {
namespace {
const auto kNoIconv = reinterpret_cast<iconv_t>(-1);
}  // namespace

Converter::Converter(const char* from, const char* to)
    : cd_(iconv_open(to, from)) {
  if (cd_ == kNoIconv)
    fail("iconv cannot convert from {} to {}", from, to);
}

Converter::~Converter() {
  iconv_close(static_cast<iconv_t>(cd_));
}

std::optional<std::string> Converter::operator()(std::string_view text) {
  const auto cd = static_cast<iconv_t>(cd_);
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // the initial state
  std::string out(text.size() * 2 + 16, '\0');
  // iconv's interface takes char** for input it does not modify.
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size();
  size_t out_used = 0;
  while (in_left > 0) {
    char* dst = out.data() + out_used;
    size_t out_left = out.size() - out_used;
    const size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
    out_used = out.size() - out_left;
    if (rc != static_cast<size_t>(-1))
      break;
    if (errno != E2BIG)
      return std::nullopt;  // EILSEQ or EINVAL
    out.resize(out.size() * 2);
  }
  // Flush any shift state.
  char* dst = out.data() + out_used;
  size_t out_left = out.size() - out_used;
  iconv(cd, nullptr, nullptr, &dst, &out_left);
  out.resize(out.size() - out_left);
  return out;
}

std::optional<std::string> convert_encoding(std::string_view text,
                                            const char* from, const char* to) {
  // Opening a conversion (iconv_open finds and loads its tables) costs far
  // more than converting a short string, and the text extractors convert
  // many: each thread keeps the conversions it used last.
  struct Open {
    std::string from, to;
    std::unique_ptr<Converter> convert;
  };
  constexpr size_t kKept = 8;
  thread_local std::vector<Open> kept;
  auto it = std::find_if(kept.begin(), kept.end(), [&](const Open& open) {
    return open.from == from && open.to == to;
  });
  if (it == kept.end()) {
    auto convert = std::make_unique<Converter>(from, to);  // may throw
    if (kept.size() == kKept)
      kept.erase(kept.begin());
    kept.push_back({from, to, std::move(convert)});
    it = kept.end() - 1;
  }
  return (*it->convert)(text);
}

namespace {
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
}  // namespace

Utf16Decoder::Utf16Decoder(ByteOrder order)
    : order_(order),
      cd_(iconv_open("UTF-8",
                     order == ByteOrder::kLittle ? "UTF-16LE" : "UTF-16BE")) {
  if (cd_ == kNoIconv)
    fail("iconv cannot convert from UTF-16 to UTF-8");
}

Utf16Decoder::~Utf16Decoder() {
  iconv_close(static_cast<iconv_t>(cd_));
}

void Utf16Decoder::decode(std::string_view in, std::string& out) {
  if (!pending_.empty()) {
    joined_.assign(pending_).append(in);
    pending_.clear();
    in = joined_;
  }
  // Two bytes of UTF-16 are at most three of UTF-8 (a pair of four, four).
  const size_t start = out.size();
  out.resize(start + in.size() / 2 * 3 + 8);
  char* src = const_cast<char*>(in.data());  // iconv does not write it
  size_t src_left = in.size();
  char* dst = out.data() + start;
  size_t dst_left = out.size() - start;
  while (src_left > 0) {
    if (iconv(static_cast<iconv_t>(cd_), &src, &src_left, &dst, &dst_left) !=
        static_cast<size_t>(-1))
      break;
    if (errno == EINVAL) {  // a character the next piece finishes
      pending_.assign(src, src_left);
      break;
    }
    if (errno != EILSEQ || dst_left < kReplacement.size())
      fail("UTF-16 decoding: {}", std::strerror(errno));
    // A lone surrogate: one unit replaced, the rest decoded.
    const size_t skip = std::min<size_t>(2, src_left);
    src += skip;
    src_left -= skip;
    std::memcpy(dst, kReplacement.data(), kReplacement.size());
    dst += kReplacement.size();
    dst_left -= kReplacement.size();
    ++replaced_;
  }
  out.resize(out.size() - dst_left);
}

void Utf16Decoder::finish(std::string& out) {
  if (pending_.empty())
    return;
  pending_.clear();
  out.append(kReplacement);
  ++replaced_;
}

}  // namespace mamori
