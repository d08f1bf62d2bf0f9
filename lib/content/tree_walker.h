// Lists the regular files under the scan roots. Symbolic links below a root
// are noted and never followed, so loops and links leaving the tree cannot
// lead the scan anywhere; a directory reached twice (a bind mount of its
// parent) is not entered again. Devices, fifos and sockets are noted and
// skipped, unreadable directories are error notices. Directories are read
// through descriptors (opened without updating their access time, paths
// longer than PATH_MAX included) rather than std::filesystem iterators,
// which give up on such paths.
#pragma once

#include "common/diagnostics.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace mamori::content {

struct WalkedFile {
  std::filesystem::path path;
  uint64_t size = 0;
  bool follow_link = false;  // a root the user named that is a link
};

// Each root may be a file or a directory; a root that is itself a symbolic
// link is followed, since the user named it. Returned sorted by path.
std::vector<WalkedFile> walk_roots(
    const std::vector<std::filesystem::path>& roots, Diagnostics& diag);

}  // namespace mamori::content
