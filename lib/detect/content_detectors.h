// Findings from content: rule and hash matches of files and members, staged
// archives (one finding per archive, every matching member in evidence) and
// encrypted archives. Pure: the records come from lib/content.
#pragma once

#include "assets/register.h"
#include "content/content_scanner.h"
#include "detect/finding.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace mamori::detect {

// `roots`: the paths the scan was given. Finding ids are derived from what
// does not change when media are moved or the root is spelled differently:
// each object's SHA-256 and its path below the root it was found under
// (stable_key). A finding keeps at most `max_evidence` evidence records
// (SIZE_MAX: all); each names the strings that matched (`matches`), and
// the reasons name the register's keywords among them.
std::vector<Finding> detect_from_content(
    const content::Results& results, const assets::Register& reg,
    const std::vector<std::filesystem::path>& roots,
    size_t max_evidence = kMaxEvidence);

// The key of a content finding's id: `location` with its first element
// made relative to the longest root it lies under (the file's name when
// the root is the file itself), then `sha256`.
std::vector<std::string> stable_key(
    const content::Location& location, const std::string& sha256,
    const std::vector<std::filesystem::path>& roots);

}  // namespace mamori::detect
