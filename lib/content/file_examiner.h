// One worker's examination of a file: reads it once, hashes it and matches
// it from the same bytes, and opens whatever container it turns out to be
// (recognised by content) member by member, through its MemberSource
// (member_source.h), down to Limits::max_depth. Every limit that stops the
// examination of something becomes a notice.
#pragma once

#include "extract/text_limits.h"

#include "assets/register.h"
#include "common/diagnostics.h"
#include "content/content_scanner.h"
#include "content/evidence_file.h"
#include "content/member_source.h"
#include "content/memory_lease.h"
#include "content/tree_walker.h"
#include "rules/rule_set.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::content {

// What one worker found, merged with the others' at the end.
struct WorkerOutput {
  std::vector<ObjectHit> hits;
  std::vector<ContainerRecord> containers;
  Stats stats;
};

class FileExaminer {
 public:
  // `matcher` is this worker's own (rules::Scanner is not shared).
  FileExaminer(rules::Scanner& matcher, const assets::Register& reg,
               const Limits& limits, Diagnostics& diag, WorkerOutput& out);
  FileExaminer(const FileExaminer&) = delete;
  FileExaminer& operator=(const FileExaminer&) = delete;

  // A file found by the walker; an unreadable one is an error notice.
  void examine_file(const WalkedFile& file);
  // Bytes already in memory, as if they were the file `name`.
  void examine_bytes(std::span<const std::byte> data, const std::string& name);

 private:
  // `text`: a UTF-8 rendering of the object (its UTF-16 text) that is
  // matched too, the hits merged into the object's.
  // `sha256` may be empty: it is computed when needed. `leaf`: matched,
  // never opened as a container (MemberData::leaf).
  void examine_object(std::span<const std::byte> data, std::string sha256,
                      Location& location, const std::string* text = nullptr,
                      bool leaf = false);
  // The one expansion loop, for every kind of container: false when
  // `source` was not opened (nothing recorded).
  bool expand(MemberSource& source, std::span<const std::byte> data,
              const std::string& sha256, Location& location);
  bool can_open_container(const Location& location);
  void report_expanded(const Location& location);
  void report_bomb(const Location& location);
  void record_hit(const Location& location, const std::string& sha256,
                  uint64_t size, std::vector<RuleHit> rules, bool container,
                  std::vector<assets::Resemblance> similar = {});
  // The declared files (assets::Fingerprint) the object's bytes or its
  // text resemble at Limits::similarity_threshold or more, one per asset.
  std::vector<assets::Resemblance> resemblances(std::span<const std::byte> data,
                                                const std::string* text) const;
  // The object's text layer (extract/text_layer.h) into `text`; false when
  // it has none, or it is not read (a PDF's stream, a bomb).
  bool extract_text_layer(std::span<const std::byte> data,
                          const Location& location, bool pdf,
                          std::string& text);
  std::vector<RuleHit> match_object(std::span<const std::byte> data,
                                    const Location& location,
                                    const std::string* text);
  // Matches in extracted text are of StringMatch::layer "text", others
  // "bytes".
  std::vector<RuleHit> match_rules(std::span<const std::byte> data,
                                   const Location& location,
                                   rules::ScanInput input);
  StringMatch describe_match(std::span<const std::byte> data,
                             const rules::RuleInfo& rule,
                             const rules::StringMatch& match,
                             std::string_view layer) const;

  rules::Scanner& matcher_;
  const assets::Register& reg_;
  const Limits& limits_;
  WorkerOutput& out_;
  Notices notices_;

  ReadBuffer file_buffer_;       // reused between small files
  uint64_t file_expanded_ = 0;   // per top-level file
  uint64_t file_budget_ = 0;     // expansion_budget() of the file
  bool file_exhausted_ = false;  // limit_expanded was reported
  // Containers of this file given up for their expansion ratio; at
  // kBombContainers the file is taken for a bomb (report_bomb).
  int ratio_stops_ = 0;
  static constexpr int kBombContainers = 3;
  MemoryBudget memory_;  // for member buffers, per file
  // The register declares hashes, so every object is hashed; otherwise
  // only objects that matched a rule and containers are.
  bool hash_everything_ = false;
  // The register has fingerprints of declared files: every object's
  // similarity digest is compared with them.
  bool fingerprint_everything_ = false;
  ExpansionContext context_;         // refers to the members above
  bool in_pdf_ = false;              // the object at hand is a stream of a PDF
  extract::TextLimits text_limits_;  // for each text layer
};

}  // namespace mamori::content
