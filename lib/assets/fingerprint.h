// The similarity digests of a declared asset file (Fingerprint in
// register.h): of its bytes, of its text layer, and, for a container (a
// .docx, .xlsx, .odt is a zip), of each part's text layer. The
// scan computes the same for every object it examines, so the two meet part
// by part (file_examiner.cc).
#pragma once

#include "assets/register.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace mamori::assets {

// Parts larger than this are not fingerprinted (the declared files are the
// register author's own documents and drawings, not evidence).
inline constexpr size_t kMaxFingerprintPart = 64u << 20;

// `listed`: the name the listing gives, kept in each fingerprint. Parts and
// layers under kMinSimilarityBytes give none.
std::vector<Fingerprint> fingerprint_bytes(std::span<const std::byte> data,
                                           const std::string& listed);

}  // namespace mamori::assets
