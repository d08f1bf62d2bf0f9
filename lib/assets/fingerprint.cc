// Fingerprints of a declared file: see fingerprint.h.
#include "assets/fingerprint.h"

#include "extract/text_layer.h"
#include "unpack/archive_reader.h"

#include "common/similarity_hash.h"

#include <algorithm>
#include <string_view>

namespace mamori::assets {
namespace {

void add_layers(std::span<const std::byte> data, const std::string& listed,
                const std::string& part, std::vector<Fingerprint>& out) {
  // A part's bytes are not fingerprinted: a document's boilerplate parts
  // (styles.xml, theme1.xml, settings.xml) are nearly the same in every
  // document the same program writes, so they would make any document of
  // the kind resemble the declared one. Its text is its own.
  if (auto digest = part.empty() ? similarity_digest(data) : std::nullopt)
    out.push_back({listed, part, "bytes", std::move(*digest)});
  const extract::TextSource source = extract::text_source(
      data, part.empty() ? listed : part,
      std::string_view(reinterpret_cast<const char*>(data.data()),
                       std::min<size_t>(data.size(), 5)) == "%PDF-");
  if (source == extract::TextSource::kNone)
    return;
  const extract::ExtractedText text =
      extract::extract_text(source, data, extract::TextLimits{});
  if (auto digest = similarity_digest(std::string_view(text.text)))
    out.push_back({listed, part, "text", std::move(*digest)});
}

}  // namespace

std::vector<Fingerprint> fingerprint_bytes(std::span<const std::byte> data,
                                           const std::string& listed) {
  std::vector<Fingerprint> out;
  add_layers(data, listed, "", out);
  // One level of parts: the text of an Office or ODF document is in its
  // zip's members, not in the zip's (compressed) bytes.
  unpack::ArchiveReader reader(data, unpack::ReaderOptions{});
  std::string error;
  while (reader.next(error) == unpack::ArchiveReader::Next::kEntry) {
    if (!reader.is_archive())
      break;
    if (!reader.is_regular() || reader.is_encrypted())
      continue;
    const std::string name = reader.name();
    std::string bytes;
    std::span<const std::byte> block;
    bool ok = true;
    while (ok) {
      const auto read = reader.read_block(block, error);
      if (read != unpack::ArchiveReader::Read::kData) {
        ok = read == unpack::ArchiveReader::Read::kEnd;
        break;
      }
      if (bytes.size() + block.size() > kMaxFingerprintPart) {
        ok = false;
        break;
      }
      bytes.append(reinterpret_cast<const char*>(block.data()), block.size());
    }
    if (ok)
      add_layers(std::as_bytes(std::span(bytes)), listed, name, out);
  }
  return out;
}

}  // namespace mamori::assets
