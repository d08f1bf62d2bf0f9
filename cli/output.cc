// Writing reports: standard output, or a file replaced atomically so a
// reader never sees half a report.
#include "cli/cli.h"

#include "common/error.h"
#include "common/text.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace mamori::cli {

void write_output(const std::string& file, const std::string& text) {
  if (file.empty() || file == "-") {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
        std::fflush(stdout) != 0) {
      fail("cannot write the report to standard output: {}",
           std::strerror(errno));
    }
    return;
  }
  const std::filesystem::path target(file);
  const std::filesystem::path temp =
      target.parent_path() /
      fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
  std::FILE* out = std::fopen(temp.c_str(), "wb");
  if (out == nullptr) {
    fail("{}: cannot write the report: {}", file, std::strerror(errno));
  }
  const bool written =
      std::fwrite(text.data(), 1, text.size(), out) == text.size() &&
      std::fflush(out) == 0 && ::fsync(::fileno(out)) == 0;
  const int saved = errno;
  std::fclose(out);
  std::error_code ec;
  if (!written) {
    std::filesystem::remove(temp, ec);
    fail("{}: cannot write the report: {}", file, std::strerror(saved));
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    fail("{}: cannot write the report: {}", file, ec.message());
  }
}

uint64_t parse_size(const std::string& option, const std::string& value) {
  const std::string_view v = trim(value);
  size_t digits = 0;
  while (digits < v.size() && is_digit(v[digits]))
    ++digits;
  if (digits == 0 || digits > 15) {
    fail("--{}: `{}` is not a size (e.g. 512M, 2G)", option, value);
  }
  uint64_t n = std::stoull(std::string(v.substr(0, digits)));
  std::string unit = to_lower(v.substr(digits));
  if (unit.size() > 1 && (unit.back() == 'b'))
    unit.pop_back();  // "MB", "MiB"
  if (unit.size() > 1 && unit.back() == 'i')
    unit.pop_back();
  const int shift = unit.empty() || unit == "b" ? 0
                    : unit == "k"               ? 10
                    : unit == "m"               ? 20
                    : unit == "g"               ? 30
                    : unit == "t"               ? 40
                                                : -1;
  if (shift < 0)
    fail("--{}: `{}` has an unknown unit (K, M, G, T)", option, value);
  return n << shift;
}

}  // namespace mamori::cli
