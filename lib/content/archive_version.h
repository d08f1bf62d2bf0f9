// The version of libarchive mamori runs with, for `mamori version`
// (cli/other_commands.cc). Kept for cli/; the answer comes from
// unpack::library_version() (lib/unpack/archive_reader.h).
#pragma once

#include <string>

namespace mamori::content {
std::string archive_version();
}
