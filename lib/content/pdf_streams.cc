// The stream syntax is PDF 1.7 (ISO 32000-1) §7.3.8: a dictionary, the
// keyword "stream", an end of line, the data, an end of line and
// "endstream". /Length is often an indirect reference, so the data ends at
// the direct /Length when it is consistent, else at "endstream".
#include "content/pdf_streams.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

namespace mamori::content {
namespace {

constexpr std::string_view kStream = "stream";
constexpr std::string_view kEndStream = "endstream";

bool is_pdf_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\0';
}

bool is_delimiter(char c) {
  return is_pdf_space(c) || c == '<' || c == '>' || c == '[' || c == ']' ||
         c == '/' || c == '(' || c == ')' || c == '%';
}

// The dictionary before `stream_at`: from the "<<" that opens it, found by
// counting nested "<<" ">>" backwards. The search never goes back past
// `floor` (the end of the previous "stream" keyword), so however hostile the
// file, the backward searches together read it at most once.
std::string_view dictionary_before(std::string_view text, size_t stream_at,
                                   size_t floor) {
  size_t end = stream_at;
  while (end > floor && is_pdf_space(text[end - 1]))
    --end;
  if (end < floor + 2 || text.substr(end - 2, 2) != ">>")
    return {};
  size_t window_start = std::max(floor, end > 65536 ? end - 65536 : 0);
  int depth = 0;
  for (size_t i = end; i >= window_start + 2; --i) {
    std::string_view pair = text.substr(i - 2, 2);
    if (pair == ">>") {
      ++depth;
      --i;
    } else if (pair == "<<") {
      if (--depth == 0)
        return text.substr(i - 2, end - (i - 2));
      --i;
    }
  }
  return {};
}

// "12 0" from "... 12 0 obj\n<<" just before the dictionary.
std::string object_name(std::string_view text, size_t dict_at, size_t floor) {
  size_t end = dict_at;
  while (end > floor && is_pdf_space(text[end - 1]))
    --end;
  if (end < floor + 3 || text.substr(end - 3, 3) != "obj")
    return {};
  size_t pos = end - 3;
  auto number_before = [&](size_t& at) -> std::string_view {
    while (at > floor && is_pdf_space(text[at - 1]))
      --at;
    size_t stop = at;
    while (at > floor && text[at - 1] >= '0' && text[at - 1] <= '9')
      --at;
    return text.substr(at, stop - at);
  };
  std::string_view generation = number_before(pos);
  std::string_view number = number_before(pos);
  if (generation.empty() || number.empty())
    return {};
  return std::string(number) + " " + std::string(generation) + " obj";
}

// The value after `key` in a dictionary, up to the next delimiter.
std::string_view value_after(std::string_view dict, std::string_view key) {
  size_t pos = 0;
  while ((pos = dict.find(key, pos)) != std::string_view::npos) {
    size_t after = pos + key.size();
    if (after >= dict.size() || is_delimiter(dict[after])) {
      while (after < dict.size() && is_pdf_space(dict[after]))
        ++after;
      return dict.substr(after);
    }
    pos = after;
  }
  return {};
}

bool flate_first(std::string_view dict) {
  std::string_view filter = value_after(dict, "/Filter");
  if (filter.empty())
    return false;
  if (filter.front() == '[') {
    filter.remove_prefix(1);
    while (!filter.empty() && is_pdf_space(filter.front())) {
      filter.remove_prefix(1);
    }
  }
  for (std::string_view name : {"/FlateDecode", "/Fl"}) {
    if (filter.substr(0, name.size()) == name &&
        (filter.size() == name.size() || is_delimiter(filter[name.size()]))) {
      return true;
    }
  }
  return false;
}

std::optional<size_t> direct_length(std::string_view dict) {
  std::string_view value = value_after(dict, "/Length");
  size_t length = 0;
  auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), length);
  if (ec != std::errc() || end == value.data())
    return std::nullopt;
  // "/Length 12 0 R" is a reference, not a length.
  std::string_view rest(end,
                        static_cast<size_t>(value.data() + value.size() - end));
  size_t i = 0;
  while (i < rest.size() && is_pdf_space(rest[i]))
    ++i;
  size_t digits = i;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9')
    ++i;
  if (i > digits) {
    while (i < rest.size() && is_pdf_space(rest[i]))
      ++i;
    if (i < rest.size() && rest[i] == 'R')
      return std::nullopt;
  }
  return length;
}

}  // namespace

std::vector<PdfStream> find_flate_streams(std::span<const std::byte> pdf) {
  std::string_view text(reinterpret_cast<const char*>(pdf.data()), pdf.size());
  std::vector<PdfStream> streams;
  size_t pos = 0;
  size_t floor = 0;  // nothing before it is searched again
  while ((pos = text.find(kStream, pos)) != std::string_view::npos) {
    size_t keyword = pos;
    pos += kStream.size();
    if (keyword > 0 && !is_delimiter(text[keyword - 1]))
      continue;  // "endstream"
    size_t data_at = pos;
    if (data_at < text.size() && text[data_at] == '\r')
      ++data_at;
    if (data_at >= text.size() || text[data_at] != '\n') {
      if (data_at == pos)
        continue;  // not followed by an end of line
    } else {
      ++data_at;
    }
    size_t dict_floor = floor;
    std::string_view dict = dictionary_before(text, keyword, dict_floor);
    floor = pos;
    if (dict.empty() || !flate_first(dict))
      continue;
    size_t end_at = text.find(kEndStream, data_at);
    if (end_at == std::string_view::npos)
      end_at = text.size();
    size_t data_end = end_at;
    if (std::optional<size_t> length = direct_length(dict);
        length && *length <= end_at - data_at) {
      data_end = data_at + *length;
    } else {  // the end of line before "endstream" is not data
      if (data_end > data_at && text[data_end - 1] == '\n')
        --data_end;
      if (data_end > data_at && text[data_end - 1] == '\r')
        --data_end;
    }
    std::string name = object_name(
        text, static_cast<size_t>(dict.data() - text.data()), dict_floor);
    if (name.empty())
      name = "stream@" + std::to_string(data_at);
    streams.push_back(
        {std::move(name), pdf.subspan(data_at, data_end - data_at)});
    pos = data_end;
    floor = data_end;
  }
  return streams;
}

InflateStatus inflate_stream(std::span<const std::byte> data, uint64_t limit,
                             std::vector<std::byte>& out, double max_ratio,
                             uint64_t ratio_floor) {
  out.clear();
  for (int window_bits : {15, -15}) {  // zlib wrapper, then raw deflate
    z_stream z{};
    if (inflateInit2(&z, window_bits) != Z_OK)
      return InflateStatus::kCorrupt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(data.data()));
    z.avail_in = static_cast<uInt>(std::min<size_t>(data.size(), UINT32_MAX));
    std::byte chunk[64 * 1024];
    int rc = Z_OK;
    while (true) {
      z.next_out = reinterpret_cast<Bytef*>(chunk);
      z.avail_out = sizeof chunk;
      rc = inflate(&z, Z_NO_FLUSH);
      size_t produced = sizeof chunk - z.avail_out;
      if (out.size() + produced > limit) {
        inflateEnd(&z);
        return InflateStatus::kTooLarge;
      }
      out.insert(out.end(), chunk, chunk + produced);
      if (max_ratio > 0 && out.size() > ratio_floor &&
          static_cast<double>(out.size()) >
              max_ratio * static_cast<double>(std::max<uLong>(z.total_in, 1))) {
        inflateEnd(&z);
        return InflateStatus::kRatio;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR)
        break;  // end, or bad data
      if (produced == 0)
        break;  // input cut short
    }
    inflateEnd(&z);
    if (rc == Z_STREAM_END)
      return InflateStatus::kComplete;
    if (!out.empty())
      return InflateStatus::kTruncated;
  }
  return InflateStatus::kCorrupt;
}

}  // namespace mamori::content
