// Writing reports: standard output, or a file replaced atomically so a
// reader never sees half a report; and the places mamori keeps things.
#include "cli/cli.h"

#include "common/error.h"
#include "common/text.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace mamori::cli {

Output::Output(std::string file) : file_(std::move(file)) {
  if (file_.empty() || file_ == "-") {
    file_.clear();
    out_ = stdout;
    return;
  }
  if (struct stat st{};
      ::stat(file_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or a pipe (/dev/null, a FIFO): written in place, since
    // renaming a file over it would replace it.
    direct_ = true;
    out_ = std::fopen(file_.c_str(), "wb");
    if (out_ == nullptr)
      fail("{}: cannot write the report: {}", file_, std::strerror(errno));
    return;
  }
  const std::filesystem::path target(file_);
  temp_ = (target.parent_path() /
           fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid()))
              .string();
  out_ = std::fopen(temp_.c_str(), "wb");
  if (out_ == nullptr)
    fail("{}: cannot write the report: {}", file_, std::strerror(errno));
}

Output::~Output() {
  if (!file_.empty() && out_ != nullptr) {
    std::fclose(out_);
    std::error_code ec;
    if (!direct_)
      std::filesystem::remove(temp_, ec);  // never committed: leave nothing
  }
}

void Output::write(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size())
    failed(errno);
}

void Output::commit() {
  if (file_.empty()) {
    if (std::fflush(stdout) != 0)
      failed(errno);
    return;
  }
  if (direct_) {
    const bool flushed = std::fflush(out_) == 0;
    const int saved = errno;
    std::fclose(out_);
    out_ = nullptr;
    if (!flushed)
      failed(saved);
    return;
  }
  if (std::fflush(out_) != 0 || ::fsync(::fileno(out_)) != 0)
    failed(errno);
  std::fclose(out_);
  out_ = nullptr;
  std::error_code ec;
  std::filesystem::rename(temp_, file_, ec);
  if (ec) {
    std::filesystem::remove(temp_, ec);
    fail("{}: cannot write the report: {}", file_, ec.message());
  }
}

void Output::failed(int error) {
  fail("{}: cannot write the report: {}",
       file_.empty() ? "standard output" : file_, std::strerror(error));
}

std::filesystem::path rules_cache_dir() {
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache)
    return std::filesystem::path(cache) / "mamori";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "mamori";
  return {};
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
