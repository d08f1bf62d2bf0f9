// The settings file (spec/cli.md `--config`): any `scan` option as a key
// (the rows of option_table.h), detector thresholds, Samba prefix template
// and suppressions. The command line wins over the file; the file wins over
// the defaults.
#pragma once

#include "common/diagnostics.h"
#include "detect/settings.h"
#include "detect/suppression.h"
#include "logs/log_reader.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mamori::config {

inline constexpr const char* kSystemConfig = "/etc/mamori/mamori.toml";

struct ConfigFile {
  std::filesystem::path file;
  // Option values by long option name ("assets", "log", "fail-on"...), as
  // strings; repeatable options may hold several. Relative paths are
  // already resolved against the config file's folder.
  std::map<std::string, std::vector<std::string>> options;
  detect::Settings settings;
  std::string samba_prefix;
  logs::ColumnMapping columns;  // [columns]: for csv and jsonl logs
  // `suppress`: finding ids and matchers, in the file's order.
  std::vector<detect::Suppression> suppress;
};

// Reads a settings file. Every problem (TOML syntax, unknown key, wrong
// type) is an error notice (code "config") at its "file:line:column", all
// of them in one pass, in the file's order; nothing when there was any, so
// a file is never partly applied. What that costs the run is decided in
// pipeline/configuration.h.
std::optional<ConfigFile> load_config(const std::filesystem::path& file,
                                      Diagnostics& diag);

}  // namespace mamori::config
