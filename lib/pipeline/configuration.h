// The failure policy for the files that configure a run, decided once.
// Every loader follows one contract: `load_x(path, Diagnostics&) ->
// optional<T>`, each problem an error or warning notice at "file:line",
// nothing when the file cannot be used. Here: a file that cannot be used
// ends the run before anything is read (Error, exit 2, every error of that
// file printed); a usable file's notices (a roster's bad rows, unknown
// columns) join the run's notices and the run goes on.
#pragma once

#include "config/config.h"

#include "assets/register.h"
#include "common/diagnostics.h"
#include "people/roster.h"

#include <filesystem>
#include <string_view>

namespace mamori::pipeline {

assets::Register require_register(const std::filesystem::path& file);
people::Roster require_roster(const std::filesystem::path& file,
                              Diagnostics& diag);
people::DeviceList require_devices(const std::filesystem::path& file,
                                   Diagnostics& diag);
// Before a run (the command line reads it for option values): a usable
// file has no notices to keep.
config::ConfigFile require_config(const std::filesystem::path& file);

// The end of a run whose configuration failed: each error of `problems` on
// a line ("file:line: message"), or `what` when none says more.
[[noreturn]] void fail_with(const Diagnostics& problems, std::string_view what);

}  // namespace mamori::pipeline
