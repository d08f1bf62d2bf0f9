// ssdeep through libfuzzy: see similarity_hash.h.
#include "common/similarity_hash.h"

#include <fuzzy.h>
#include <limits>

namespace mamori {

std::optional<std::string> similarity_digest(std::span<const std::byte> data) {
  if (data.size() < kMinSimilarityBytes ||
      data.size() > std::numeric_limits<uint32_t>::max())
    return std::nullopt;
  char digest[FUZZY_MAX_RESULT] = {};
  if (fuzzy_hash_buf(reinterpret_cast<const unsigned char*>(data.data()),
                     static_cast<uint32_t>(data.size()), digest) != 0)
    return std::nullopt;
  return std::string(digest);
}

std::optional<std::string> similarity_digest(std::string_view text) {
  return similarity_digest(std::as_bytes(std::span(text)));
}

int similarity_score(const std::string& a, const std::string& b) {
  const int score = fuzzy_compare(a.c_str(), b.c_str());
  return score < 0 ? 0 : score;
}

}  // namespace mamori
