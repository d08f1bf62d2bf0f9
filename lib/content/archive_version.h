// The version of libarchive mamori runs with, for `mamori version`.
#pragma once

#include <string>

namespace mamori::content {
std::string archive_version();
}
