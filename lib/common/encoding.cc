// iconv-based conversion of whole strings (CP932, EUC-JP, UTF-16LE to and
// from UTF-8). An unconvertible or invalid byte fails the whole call: no
// character is dropped or replaced silently.
#include "common/encoding.h"

#include "common/error.h"

#include <iconv.h>

#include <cerrno>

namespace mamori {
namespace {

struct IconvHandle {
  iconv_t cd;
  IconvHandle(const char* to, const char* from) : cd(iconv_open(to, from)) {}
  ~IconvHandle() {
    if (cd != reinterpret_cast<iconv_t>(-1))
      iconv_close(cd);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
};

}  // namespace

std::optional<std::string> convert_encoding(std::string_view text,
                                            const char* from, const char* to) {
  IconvHandle handle(to, from);
  if (handle.cd == reinterpret_cast<iconv_t>(-1)) {
    fail("iconv cannot convert from {} to {}", from, to);
  }
  std::string out(text.size() * 2 + 16, '\0');
  // iconv's interface takes char** for input it does not modify.
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size();
  size_t out_used = 0;
  while (in_left > 0) {
    char* dst = out.data() + out_used;
    size_t out_left = out.size() - out_used;
    const size_t rc = iconv(handle.cd, &in, &in_left, &dst, &out_left);
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
  iconv(handle.cd, nullptr, nullptr, &dst, &out_left);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace mamori
