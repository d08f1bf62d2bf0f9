// The report the renderer tests share: a critical log finding with hostile
// evidence text (a formula and a terminal escape), a staged archive on a USB
// path with a space, one notice and a summary; and a content_match with
// its string matches.
#pragma once

#include "report/report.h"

#include <string>

namespace mamori::report::testing {

inline Report sample_report() {
  Report r;
  detect::Finding f;
  f.id = "0123456789abcdef";
  f.detector = "bulk_access";
  f.set_score(91);
  f.title = "sato.yuki read 412 files";
  f.reasons = {"412 distinct files in 64 min"};
  f.assets = {"ltcc_stack"};
  f.user = "sato.yuki";
  f.start = *parse_timestamp("2026-03-27T05:10:02Z", Zone::utc());
  f.end = *parse_timestamp("2026-03-27T06:14:40Z", Zone::utc());
  f.files = 412;
  f.context =
      detect::PersonContext{"dispatched", "", parse_date("2026-03-31"), 4};
  f.log_evidence.push_back({"audit.log:9921", *f.start, "read",
                            "/srv/rd/=cmd|' /C calc'!A0\x1b[2J", std::nullopt});
  f.evidence_total = 412;
  r.findings.push_back(f);
  detect::Finding c;
  c.id = "fedcba9876543210";
  c.detector = "staged_archive";
  c.set_score(78);
  c.title = "q1.zip holds files of 2 core assets";
  c.location = {"/mnt/usb/q1 #1.zip"};
  c.sha256 = std::string(64, 'a');
  c.size = 48211;
  c.content_evidence.push_back({{"/mnt/usb/q1 #1.zip", "docs/K12.xlsx"},
                                "content_match",
                                {"ltcc_stack"},
                                {"r1"},
                                std::string(64, 'b'),
                                18230});
  c.evidence_total = 1;
  r.findings.push_back(c);
  r.notices.push_back({Level::kWarning,
                       "limit_ratio",
                       {"/mnt/usb/big.zip", "a.bin"},
                       "",
                       "member expands more than 1000x"});
  r.summary.version = "0.1.0";
  r.summary.events = 51234;
  r.summary.events_by_format = {{"samba", 40110}, {"auditd", 11124}};
  r.summary.exit_code = 1;
  return r;
}

// A content_match about one file: a keyword in CP932 with an excerpt, and
// a general rule's string without keyword, encoding or excerpt.
inline detect::Finding content_match() {
  detect::Finding f;
  f.id = "00000000000000aa";
  f.detector = "content_match";
  f.set_score(75);
  f.title = "/data/spec.txt holds lens";
  f.reasons = {"matches rule asset_lens_keywords of asset lens (core)"};
  f.location = {"/data/spec.txt"};
  f.sha256 = std::string(64, 'c');
  f.size = 40;
  f.rules = {"asset_lens_keywords", "generic"};
  detect::ContentEvidence e;
  e.location = f.location;
  e.detector = "content_match";
  e.rules = f.rules;
  e.sha256 = f.sha256;
  e.size = 40;
  e.matches = {{"asset_lens_keywords", "$k0_cp932", "非球面研磨", "CP932",
                "bytes", 11, 10, "ファイル: \\t非球面研磨"},
               {"generic", "$m", "", "", "text", 3, 2, ""}};
  e.matches_omitted = 2;
  f.content_evidence = {e};
  f.evidence_total = 1;
  return f;
}

}  // namespace mamori::report::testing
