// `mamori version` asks content/ for the libarchive version; the answer
// comes from lib/unpack, the only place that includes <archive.h>.
#include "content/archive_version.h"

#include "unpack/archive_reader.h"

namespace mamori::content {

std::string archive_version() {
  return unpack::library_version();
}

}  // namespace mamori::content
