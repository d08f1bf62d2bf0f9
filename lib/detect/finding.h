// Findings: what a person must act on (spec/findings.md), with the reasons
// and evidence behind each. Built by the detectors, rendered by lib/report.
#pragma once

#include "common/severity.h"
#include "common/time.h"
#include "logs/event.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::detect {

// A log record behind a finding.
struct LogEvidence {
  std::string source;  // "file:line" or "file#record"
  Timestamp time{};
  std::string action;
  std::string path;
  std::optional<uint64_t> bytes;
  bool operator==(const LogEvidence&) const = default;
};

// What matched in an object: one string of a rule (spec/findings.md
// `matches`). `keyword` and `encoding` are set for the rules generated
// from the register's keywords; `excerpt` is already escaped, and empty
// when excerpts are off.
struct MatchEvidence {
  std::string rule;
  std::string string;  // "$k0_cp932"
  std::string keyword;
  std::string encoding;
  std::string layer;  // "bytes" or "text"
  uint64_t offset = 0;
  uint64_t length = 0;
  std::string excerpt;
  bool operator==(const MatchEvidence&) const = default;
};

// A matching object behind a content finding (notably staged_archive).
struct ContentEvidence {
  std::vector<std::string> location;
  std::string detector;
  std::vector<std::string> assets;
  std::vector<std::string> rules;
  std::string sha256;
  uint64_t size = 0;
  std::vector<MatchEvidence> matches = {};  // by rule, then as matched
  uint64_t matches_omitted = 0;             // beyond the listed ones
  bool operator==(const ContentEvidence&) const = default;
};

// Who the finding is about, from the roster.
struct PersonContext {
  std::string employment;
  std::string department;
  std::optional<Days> end_date;
  std::optional<int> days_to_end;
  bool operator==(const PersonContext&) const = default;
};

// Evidence records kept per finding by default (--evidence N|all sets
// Settings::max_evidence); evidence_total always counts them all.
inline constexpr size_t kMaxEvidence = 20;

struct Finding {
  std::string id;
  std::string detector;
  Severity severity = Severity::kInfo;
  int score = 0;
  std::string title;
  std::vector<std::string> reasons;
  std::vector<std::string> assets;
  std::string user;
  // Content findings.
  std::vector<std::string> rules;
  std::vector<std::string> location;
  std::string sha256;
  std::optional<uint64_t> size;
  // Log findings.
  std::optional<Timestamp> start;
  std::optional<Timestamp> end;
  std::optional<uint64_t> files;
  std::optional<uint64_t> bytes;
  std::optional<logs::Device> device;
  std::optional<PersonContext> context;
  // exfil_sequence: its steps as the title joins them ("collected 320
  // asset files", "archived into q1.zip", ...), for reports that draw them.
  std::vector<std::string> steps;
  std::vector<LogEvidence> log_evidence;          // at most max_evidence
  std::vector<ContentEvidence> content_evidence;  // at most max_evidence
  size_t evidence_total = 0;
  // With --state: whether an earlier run reported this finding (by id), and
  // when it first did (RFC 3339). Unset without a state.
  std::optional<bool> is_new;
  std::string first_seen;

  // Sets `score` (clamped to 0..100) and the severity banded from it.
  void set_score(int value);
  bool operator==(const Finding&) const = default;
};

// A stable 16-hex-digit id from the detector and the parts that identify a
// finding in its input: the same finding on the same input gets the same id
// in every run.
std::string make_id(std::string_view detector,
                    const std::vector<std::string>& key);

// Findings in report order: severity (highest first), then score (highest
// first), then detector and id.
void sort_findings(std::vector<Finding>& findings);

}  // namespace mamori::detect
