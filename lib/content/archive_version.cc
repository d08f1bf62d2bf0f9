#include "content/archive_version.h"

#include <archive.h>

namespace mamori::content {

std::string archive_version() {
  return archive_version_details();
}

}  // namespace mamori::content
