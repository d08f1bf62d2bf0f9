// The version of libyara mamori runs with, for `mamori version`.
#pragma once

#include <string>

namespace mamori::rules {
std::string yara_version();
}
