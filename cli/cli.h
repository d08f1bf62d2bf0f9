// The mamori program: option parsing and output only. Each subcommand parses
// its own options (Boost.Program_options; those of `scan` and `events` come
// from the option table, command_options.h) and calls into lib/.
#pragma once

#include "common/exit_code.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::cli {

using Args = std::vector<std::string>;  // the arguments after the subcommand

int scan_command(const Args& args);
int events_command(const Args& args);
int rules_command(const Args& args);
int assets_command(const Args& args);
int version_command(const Args& args);
int state_command(const Args& args);

// A report on its way to standard output (file "" or "-"), or to a file
// replaced atomically: written to a temporary file in the same folder and
// renamed over the target by commit(), so a reader never sees half a
// report; without commit() nothing is left behind. A device or pipe
// (/dev/null, a FIFO) is written in place. Throws Error.
class Output {
 public:
  explicit Output(std::string file);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view text);
  void commit();

 private:
  [[noreturn]] void failed(int error);

  std::string file_;     // empty: standard output
  std::string temp_;     // the file written, renamed to file_ by commit()
  bool direct_ = false;  // file_ is a device or pipe: written in place
  std::FILE* out_ = nullptr;
};

// Where compiled rules are cached: $XDG_CACHE_HOME/mamori, else
// ~/.cache/mamori; empty (no cache) when neither is set.
std::filesystem::path rules_cache_dir();

// "512M", "2G", "64k", "1000": bytes. Throws Error naming `option`.
uint64_t parse_size(const std::string& option, const std::string& value);

}  // namespace mamori::cli
