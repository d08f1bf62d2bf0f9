// The one failure policy for configuration files (configuration.h).
#include "pipeline/configuration.h"

#include "common/error.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <utility>

namespace mamori::pipeline {
namespace {

// `load` by the loader contract; unusable: the run ends with its errors.
template <typename Load>
auto require(Load load, const std::filesystem::path& file, Diagnostics& diag,
             std::string_view what) {
  Diagnostics problems;
  auto loaded = load(file, problems);
  if (!loaded)
    fail_with(problems, fmt::format("{}: {}", file.string(), what));
  for (Notice& n : problems.sorted())
    diag.add(std::move(n));
  return std::move(*loaded);
}

}  // namespace

void fail_with(const Diagnostics& problems, std::string_view what) {
  std::string message;
  for (const Notice& n : problems.sorted()) {
    if (n.level != Level::kError)
      continue;
    if (!message.empty())
      message += '\n';
    message += fmt::format("{}: {}", n.source, n.message);
  }
  if (message.empty())
    message = std::string(what);
  throw Error(message);
}

assets::Register require_register(const std::filesystem::path& file) {
  Diagnostics none;  // a register has errors only
  return require(assets::load_register, file, none,
                 "the asset register cannot be used");
}

people::Roster require_roster(const std::filesystem::path& file,
                              Diagnostics& diag) {
  return require(people::load_roster, file, diag, "the roster cannot be used");
}

people::DeviceList require_devices(const std::filesystem::path& file,
                                   Diagnostics& diag) {
  return require(people::load_devices, file, diag,
                 "the device list cannot be used");
}

config::ConfigFile require_config(const std::filesystem::path& file) {
  Diagnostics none;  // a usable settings file has nothing to say
  return require(config::load_config, file, none,
                 "the settings file cannot be used");
}

}  // namespace mamori::pipeline
