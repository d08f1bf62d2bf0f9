// yara_version(): the libyara version from the headers mamori was built with
// (libyara has no run-time version call).
#include "rules/yara_version.h"

#include <fmt/format.h>
#include <yara.h>

namespace mamori::rules {

std::string yara_version() {
  // libyara exports no run-time version call; this is the version of the
  // headers it was built against, which the Debian package pins.
  return fmt::format("{}.{}.{}", YR_MAJOR_VERSION, YR_MINOR_VERSION,
                     YR_MICRO_VERSION);
}

}  // namespace mamori::rules
