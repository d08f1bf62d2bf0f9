// The mamori program: option parsing and output only. Each subcommand parses
// its own options (Boost.Program_options) and calls into lib/.
#pragma once

#include <string>
#include <vector>

namespace mamori::cli {

// Exit codes of spec/cli.md.
enum ExitCode : int {
  kExitClean = 0,
  kExitFindings = 1,
  kExitUsage = 2,
  kExitUnexamined = 3,
};

using Args = std::vector<std::string>;  // the arguments after the subcommand

int scan_command(const Args& args);
int events_command(const Args& args);
int rules_command(const Args& args);
int assets_command(const Args& args);
int version_command(const Args& args);

// Writes `text` to standard output, or atomically to `file` (a temporary
// file in the same folder, renamed over the target). Throws Error.
void write_output(const std::string& file, const std::string& text);

// "512M", "2G", "64k", "1000": bytes. Throws Error naming `option`.
uint64_t parse_size(const std::string& option, const std::string& value);

}  // namespace mamori::cli
