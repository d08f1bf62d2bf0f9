// A similarity hash (ssdeep, libfuzzy): digests that stay close when a file
// is re-saved, edited a little or cut short, so that a near copy of a
// declared asset file is found where its SHA-256 no longer matches
// (similar_file, ../shared/spec/findings.md).
//
// ssdeep rather than TLSH, measured on generated Word text, SVG drawings and
// their edits (numbers in the commit that added this file): ssdeep scored
// every edited, appended, re-saved or truncated copy 74-100 and every
// unrelated file of the same kind 0, while TLSH distances of the near copies
// (0-128) overlapped those of unrelated files of the same kind (32-102), so
// no TLSH threshold separated them. Neither hash sees through a zip: a
// re-saved .docx is matched by the text of its parts (lib/assets
// fingerprints, content::FileExaminer).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mamori {

// Smaller objects are not fingerprinted: ssdeep's chunks (a few dozen
// bytes at the smallest block size) leave too few pieces to compare, and
// any two short XML parts of the same kind would look alike.
inline constexpr size_t kMinSimilarityBytes = 512;

// The ssdeep digest of `data`; nullopt below kMinSimilarityBytes (or if the
// library fails).
std::optional<std::string> similarity_digest(std::span<const std::byte> data);
std::optional<std::string> similarity_digest(std::string_view text);

// 0 (nothing in common) to 100 (the same or nearly).
int similarity_score(const std::string& a, const std::string& b);

}  // namespace mamori
