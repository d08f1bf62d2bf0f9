// FileExaminer: one object at a time (match, hash, expand), and the one
// loop that walks the members of any container.
#include "content/file_examiner.h"

#include "documents/documents.h"
#include "extract/text_layer.h"
#include "extract/text_sniff.h"

#include "common/sha256.h"
#include "common/similarity_hash.h"
#include "common/text.h"
#include "content/excerpt.h"
#include "content/format_sniffer.h"
#include "content/ole_streams.h"

#include <algorithm>

namespace mamori::content {
namespace {

// Files up to this size are read into memory; larger ones are mapped, as
// yara does: no copy through the kernel. (A mapped file truncated by
// another process during its scan raises SIGBUS, as it does in yara.)
constexpr uint64_t kReadLimit = 64ull << 10;

std::string sha256_of(std::span<const std::byte> data) {
  Sha256 hash;
  hash.update(data.data(), data.size());
  return hash.hex_digest();
}

bool declares_hashes(const assets::Register& reg) {
  return std::any_of(reg.assets().begin(), reg.assets().end(),
                     [](const assets::Asset& a) { return !a.hashes.empty(); });
}

}  // namespace

FileExaminer::FileExaminer(rules::Scanner& matcher, const assets::Register& reg,
                           const Limits& limits, Diagnostics& diag,
                           WorkerOutput& out)
    : matcher_(matcher),
      reg_(reg),
      limits_(limits),
      out_(out),
      notices_(diag),
      hash_everything_(declares_hashes(reg)),
      fingerprint_everything_(reg.has_fingerprints()),
      context_{limits_,      memory_,  file_expanded_,
               file_budget_, notices_, hash_everything_} {}

void FileExaminer::examine_file(const WalkedFile& file) {
  EvidenceFile evidence;
  std::string error;
  if (!evidence.open(file.path, file.follow_link,
                     std::min(kReadLimit, limits_.max_member_size),
                     file_buffer_, error)) {
    notices_.error_in("unreadable", {file.path.string()}, "cannot read: {}",
                      error);
    return;
  }
  examine_bytes(evidence.bytes(), file.path.string());
}

void FileExaminer::examine_bytes(std::span<const std::byte> data,
                                 const std::string& name) {
  ++out_.stats.files_scanned;
  out_.stats.bytes_scanned += data.size();
  file_expanded_ = 0;
  file_budget_ = expansion_budget(limits_, data.size());
  file_exhausted_ = false;
  ratio_stops_ = 0;
  memory_.reset(limits_.max_member_size);
  Location location{name};
  examine_object(data, {}, location);
}

void FileExaminer::examine_object(std::span<const std::byte> data,
                                  std::string sha256, Location& location,
                                  const std::string* text, bool leaf) {
  const Sniffed sniffed = leaf ? Sniffed{} : sniff_container(data);
  // Hashed from the same bytes, but only when the hash is used: a declared
  // hash may match, a container is recorded, or (below) a rule matched.
  if (sha256.empty() &&
      (hash_everything_ || sniffed.kind != ContainerKind::kNone)) {
    sha256 = sha256_of(data);
  }
  bool opened = false;
  const uint64_t notices_before = notices_.count();
  if (std::unique_ptr<MemberSource> source =
          make_member_source(sniffed, data, context_)) {
    // A PDF's streams are drawing operators and font programs: their text
    // is what the PDF text layer extracts, not their bytes read as text.
    const bool outer = in_pdf_;
    in_pdf_ = sniffed.kind == ContainerKind::kPdf;
    opened = expand(*source, data, sha256, location);
    in_pdf_ = outer;
  }
  // An archive whose every member was examined is not matched again as one
  // blob of (mostly compressed) bytes: that would only repeat its members'
  // hits. One that was not fully read is, as yara would match it. A PDF or
  // OLE file always is, as is a zip appended to another file: their parts
  // do not cover all their bytes. A mail's headers and decoded parts cover
  // all it says (but a MIME preamble no mail program shows), and a
  // mailbox's messages all of it but their "From " lines.
  const bool fully_examined = opened && notices_.count() == notices_before &&
                              sniffed.certain &&
                              (sniffed.kind == ContainerKind::kArchive ||
                               sniffed.kind == ContainerKind::kCompressed ||
                               sniffed.kind == ContainerKind::kMail ||
                               sniffed.kind == ContainerKind::kMailbox);
  std::vector<RuleHit> rules;
  // The text layer outlives the matching: resemblances() reads it too.
  std::string extracted;
  if (!fully_examined) {
    if (text == nullptr &&
        extract_text_layer(data, location, sniffed.kind == ContainerKind::kPdf,
                           extracted)) {
      text = &extracted;
    }
    rules = match_object(data, location, text);
  }
  std::vector<assets::Resemblance> similar;
  if (fingerprint_everything_)
    similar = resemblances(data, text);
  if (sha256.empty() && (!rules.empty() || !similar.empty()))
    sha256 = sha256_of(data);
  record_hit(location, sha256, data.size(), std::move(rules), opened,
             std::move(similar));
}

// Each object is compared with the declared files as they were
// fingerprinted (assets/fingerprint.h): its bytes with theirs, and its text
// layer, when it has one, with theirs. A document's text is in its parts,
// each examined here as an object of its own, so a re-saved .docx is found
// by its word/document.xml. A fully examined archive has no text here, and
// its bytes are compared still (a re-compressed zip rarely resembles its
// original, but a truncated copy may).
std::vector<assets::Resemblance> FileExaminer::resemblances(
    std::span<const std::byte> data, const std::string* text) const {
  std::vector<assets::Resemblance> out;
  const auto add = [&](const std::optional<std::string>& digest,
                       std::string_view layer) {
    if (!digest)
      return;
    for (assets::Resemblance& r :
         reg_.match_similar(*digest, layer, limits_.similarity_threshold)) {
      const auto known = std::find_if(
          out.begin(), out.end(),
          [&](const assets::Resemblance& o) { return o.asset == r.asset; });
      if (known == out.end()) {
        out.push_back(std::move(r));
      } else if (r.score > known->score) {
        *known = std::move(r);
      }
    }
  };
  add(similarity_digest(data), "bytes");
  if (text != nullptr)
    add(similarity_digest(std::string_view(*text)), "text");
  std::sort(out.begin(), out.end(),
            [](const assets::Resemblance& a, const assets::Resemblance& b) {
              return a.asset < b.asset;
            });
  return out;
}

bool FileExaminer::expand(MemberSource& source, std::span<const std::byte> data,
                          const std::string& sha256, Location& location) {
  if (!source.worth_opening() || !can_open_container(location))
    return false;
  if (!source.open(location))
    return false;
  ContainerRecord record;
  record.location = location;
  record.sha256 = sha256;
  record.size = data.size();
  std::string name;
  bool more = true;
  while (more) {
    const MemberSource::Header header = source.next(record, name);
    if (header == MemberSource::Header::kNotContainer)
      return false;
    if (header == MemberSource::Header::kEnd)
      break;
    ++record.members;
    ++out_.stats.archive_members;
    location.push_back(std::move(name));
    MemberData member;
    switch (source.read(location, record, member)) {
      case MemberStep::kMatch: {
        const MemoryLease lease(memory_, member.bytes.size());
        examine_object(member.bytes, std::move(member.sha256), location,
                       member.text, member.leaf);
        more = !file_exhausted_;
        break;
      }
      case MemberStep::kNext:
        break;
      case MemberStep::kHashOnly:
        record_hit(location, member.sha256, member.size, {}, false);
        break;
      case MemberStep::kStop:
        more = false;
        if (++ratio_stops_ == kBombContainers)
          report_bomb(location);
        break;
      case MemberStep::kExpanded:
        report_expanded(location);
        more = false;
        break;
    }
    location.pop_back();
  }
  source.finish(location, record);
  out_.containers.push_back(std::move(record));
  return true;
}

bool FileExaminer::can_open_container(const Location& location) {
  if (file_exhausted_)
    return false;  // limit_expanded already reported
  const auto depth = static_cast<int>(location.size()) - 1;
  if (depth < limits_.max_depth)
    return true;
  notices_.warn_in("limit_depth", location,
                   "archive nested deeper than {} levels; not opened",
                   limits_.max_depth);
  return false;
}

// A nested bomb (archives of archives of leaves just under the ratio
// limit) expands to about max_ratio times its own size, within the file's
// budget: abandoning each leaf alone would still inflate gigabytes. Three
// containers given up for their ratio in one file make it a bomb.
void FileExaminer::report_bomb(const Location& location) {
  file_exhausted_ = true;
  notices_.warn_in("limit_ratio", location,
                   "{} containers in {} expand more than {}x: taken for a "
                   "decompression bomb, the rest of it is not examined",
                   ratio_stops_, escape_for_display(location.front()),
                   limits_.max_ratio);
}

void FileExaminer::report_expanded(const Location& location) {
  file_exhausted_ = true;
  if (file_budget_ < limits_.max_expanded) {
    notices_.warn_in("limit_expanded", location,
                     "more than {} expanded from {} ({}x its size); the rest "
                     "is not examined",
                     human_bytes(file_budget_),
                     escape_for_display(location.front()), limits_.max_ratio);
    return;
  }
  notices_.warn_in("limit_expanded", location,
                   "more than {} expanded from {}; the rest is not examined",
                   human_bytes(limits_.max_expanded),
                   escape_for_display(location.front()));
}

bool FileExaminer::extract_text_layer(std::span<const std::byte> data,
                                      const Location& location, bool pdf,
                                      std::string& text) {
  // A PDF's streams are read through the PDF itself; a file taken for a
  // bomb is not read again by another parser.
  if (in_pdf_ || file_exhausted_ || ratio_stops_ > 0)
    return false;
  const extract::TextSource source =
      extract::text_source(data, location.back(), pdf);
  if (source == extract::TextSource::kNone)
    return false;
  std::string why;
  if (source == extract::TextSource::kPdf &&
      documents::load_documents(&why) == nullptr) {
    notices_.error_in("unreadable", location,
                      "the PDF's text cannot be read: {}", why);
    return false;
  }
  extract::ExtractedText extracted =
      extract::extract_text(source, data, text_limits_);
  if (extracted.truncated) {
    notices_.warn_in("limit_text", location,
                     "{} text extraction stopped at {} or {} ms; keywords in "
                     "the rest of its text are not seen",
                     extract::source_name(source),
                     human_bytes(text_limits_.max_text_bytes),
                     text_limits_.max_time.count());
  }
  text = std::move(extracted.text);
  return !text.empty();
}

std::vector<RuleHit> FileExaminer::match_object(std::span<const std::byte> data,
                                                const Location& location,
                                                const std::string* text) {
  // A text file's bytes are its text: rules kept to text (markings) see
  // them; a binary object's bytes are not shown to those rules.
  std::vector<RuleHit> rules = match_rules(
      data, location,
      !in_pdf_ && extract::looks_like_text(data) ? rules::ScanInput::kTextFile
                                                 : rules::ScanInput::kBinary);
  std::string own_text;
  if (text == nullptr && has_bytes_at(data, 0, "\xFF\xFE")) {  // UTF-16LE BOM
    own_text = utf16_text(data.subspan(2));
    text = &own_text;
  }
  if (text != nullptr && !text->empty()) {
    // Framed by line breaks, so that a stamp alone on the first or last
    // line is a line to the rules (offsets are given without the frame).
    const std::string framed = "\n" + *text + "\n";
    for (RuleHit& hit : match_rules(std::as_bytes(std::span(framed)), location,
                                    rules::ScanInput::kExtractedText)) {
      const auto known =
          std::find_if(rules.begin(), rules.end(),
                       [&](const RuleHit& h) { return h.rule == hit.rule; });
      if (known == rules.end()) {
        rules.push_back(std::move(hit));
        continue;
      }
      // A rule matched in both layers lists the text's matches after the
      // bytes' ones.
      known->strings.insert(known->strings.end(), hit.strings.begin(),
                            hit.strings.end());
      known->strings_omitted += hit.strings_omitted;
    }
  }
  return rules;
}

StringMatch FileExaminer::describe_match(std::span<const std::byte> data,
                                         const rules::RuleInfo& rule,
                                         const rules::StringMatch& match,
                                         std::string_view layer) const {
  StringMatch out;
  out.id = match.id;
  if (const rules::KeywordString* keyword = rule.keyword_string(match.id)) {
    out.keyword = keyword->keyword;
    out.encoding = keyword->encoding;
  }
  out.offset = match.offset;
  out.length = match.length;
  if (limits_.excerpts)
    out.excerpt = make_excerpt(data, match.offset, match.length, out.encoding);
  out.layer = layer;
  return out;
}

std::vector<RuleHit> FileExaminer::match_rules(std::span<const std::byte> data,
                                               const Location& location,
                                               rules::ScanInput input) {
  // The layer a match is reported in: the text extracted from the object,
  // or its own bytes (a text file's too).
  const std::string_view layer =
      input == rules::ScanInput::kExtractedText ? "text" : "bytes";
  rules::ScanResult result = matcher_.scan(data, input);
  if (result.timed_out) {
    notices_.warn_in("rule_timeout", location,
                     "rule matching timed out after {} s; matches are partial",
                     limits_.rule_timeout_seconds);
  }
  if (result.unreadable) {
    notices_.error_in("unreadable", location,
                      "the file shrank while it was read (truncated by "
                      "another program?); matches are partial");
  }
  if (!result.error.empty()) {
    notices_.error_in("rule_error", location, "rule matching failed: {}",
                      result.error);
  }
  std::vector<RuleHit> hits;
  hits.reserve(result.matches.size());
  for (const rules::RuleMatch& match : result.matches) {
    const rules::RuleInfo& rule = *match.rule;
    RuleHit hit;
    hit.rule = rule.name;
    hit.assets = rule.assets;
    hit.severity = rule.severity;
    hit.description = rule.localized_description();
    for (rules::StringMatch string : match.strings) {
      if (input == rules::ScanInput::kExtractedText) {
        // Offsets and excerpts in the text without its frame of line
        // breaks (match_object).
        const auto inner = data.subspan(1, data.size() - 2);
        string.offset = std::min<uint64_t>(
            string.offset > 0 ? string.offset - 1 : 0, inner.size());
        string.length =
            std::min<uint64_t>(string.length, inner.size() - string.offset);
        hit.strings.push_back(describe_match(inner, rule, string, layer));
      } else {
        hit.strings.push_back(describe_match(data, rule, string, layer));
      }
    }
    hit.strings_omitted = match.strings_omitted;
    hits.push_back(std::move(hit));
  }
  return hits;
}

void FileExaminer::record_hit(const Location& location,
                              const std::string& sha256, uint64_t size,
                              std::vector<RuleHit> rules, bool container,
                              std::vector<assets::Resemblance> similar) {
  std::vector<std::string> hash_assets;
  if (hash_everything_) {
    for (const assets::Asset* asset : reg_.match_hash(sha256)) {
      hash_assets.push_back(asset->id);
    }
  }
  // The exact copy is the stronger proof: an object that has a declared
  // SHA-256 is not also reported as resembling a declared file.
  if (!hash_assets.empty())
    similar.clear();
  if (rules.empty() && hash_assets.empty() && similar.empty())
    return;
  std::sort(hash_assets.begin(), hash_assets.end());
  hash_assets.erase(std::unique(hash_assets.begin(), hash_assets.end()),
                    hash_assets.end());
  std::sort(rules.begin(), rules.end(),
            [](const RuleHit& a, const RuleHit& b) { return a.rule < b.rule; });
  out_.hits.push_back({location, sha256, size, std::move(rules),
                       std::move(hash_assets), container, std::move(similar)});
}

}  // namespace mamori::content
