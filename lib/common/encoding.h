// Character-set conversion through iconv (glibc), for text that people save
// in Japanese encodings: CP932 (Shift_JIS as Excel writes it), EUC-JP,
// UTF-16LE.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamori {

// Converts all of `text` from `from` to `to` (iconv names: "CP932",
// "EUC-JP", "UTF-16LE", "UTF-8"). nullopt when a character cannot be
// represented or the input is not valid in `from`. Each thread keeps its
// last few conversions open (see Converter to hold one yourself).
std::optional<std::string> convert_encoding(std::string_view text,
                                            const char* from, const char* to);

// One conversion, opened once and used for many strings (each converted
// whole, as convert_encoding does).
class Converter {
 public:
  Converter(const char* from, const char* to);
  ~Converter();
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  std::optional<std::string> operator()(std::string_view text);

 private:
  void* cd_;  // iconv_t
};

enum class ByteOrder { kLittle, kBig };

// UTF-16 text that arrives in pieces (blocks of a log), decoded to UTF-8: a
// character split between two pieces is completed by the next; a unit that
// is not UTF-16 (a lone surrogate) becomes U+FFFD and is counted, so
// nothing after it is lost.
class Utf16Decoder {
 public:
  explicit Utf16Decoder(ByteOrder order);
  ~Utf16Decoder();
  Utf16Decoder(const Utf16Decoder&) = delete;
  Utf16Decoder& operator=(const Utf16Decoder&) = delete;

  // Appends the UTF-8 of `in` to `out`, keeping an unfinished character.
  void decode(std::string_view in, std::string& out);
  // The end of the text: an unfinished character becomes U+FFFD.
  void finish(std::string& out);
  uint64_t replaced() const { return replaced_; }
  ByteOrder order() const { return order_; }

 private:
  ByteOrder order_;
  void* cd_;             // iconv_t
  std::string pending_;  // the start of a character the next piece ends
  std::string joined_;   // pending_ + the next piece
  uint64_t replaced_ = 0;
};

}  // namespace mamori
