// Findings from content: rule and hash matches of files and members, staged
// archives (one finding per archive, every matching member in evidence) and
// encrypted archives. Pure: the records come from lib/content.
#pragma once

#include "assets/register.h"
#include "content/content_scanner.h"
#include "detect/finding.h"

#include <vector>

namespace mamori::detect {

std::vector<Finding> detect_from_content(const content::Results& results,
                                         const assets::Register& reg);

}  // namespace mamori::detect
