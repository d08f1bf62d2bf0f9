// Fixtures for the member source tests: the worker's side of a source (its
// limits, memory, expansion count and notices), and a loop that reads every
// member the way FileExaminer::expand does, without recursing.
#pragma once

#include "content_fixtures.h"

#include "content/member_source.h"

#include <string>
#include <vector>

namespace mamori::content::testing {

struct MemberHarness {
  explicit MemberHarness(const Limits& l = Limits{},
                         bool hash_everything = false)
      : limits(l),
        memory(l.max_member_size),
        context{limits,  memory,          file_expanded,
                file_budget, notices, hash_everything} {}

  Limits limits;
  MemoryBudget memory;
  uint64_t file_expanded = 0;
  uint64_t file_budget = limits.max_expanded;  // as for a huge file
  Diagnostics diag;
  Notices notices{diag};
  ExpansionContext context;
};

struct ReadMember {
  std::string name;
  MemberStep step = MemberStep::kNext;
  std::string data;  // kMatch: the bytes
  std::string text;  // kMatch: the text rendering, if any
  std::string sha256;
  uint64_t size = 0;
};

struct Drained {
  bool opened = false;
  bool not_container = false;
  std::vector<ReadMember> members;
  ContainerRecord record;
};

inline Drained drain(MemberSource& source, const Location& location) {
  Drained out;
  out.record.location = location;
  if (!source.worth_opening() || !source.open(location))
    return out;
  out.opened = true;
  std::string name;
  while (true) {
    MemberSource::Header header = source.next(out.record, name);
    if (header == MemberSource::Header::kNotContainer) {
      out.not_container = true;
      return out;
    }
    if (header == MemberSource::Header::kEnd)
      break;
    ++out.record.members;
    Location member_location = location;
    member_location.push_back(name);
    MemberData data;
    ReadMember read;
    read.name = name;
    read.step = source.read(member_location, out.record, data);
    read.data.assign(reinterpret_cast<const char*>(data.bytes.data()),
                     data.bytes.size());
    if (data.text != nullptr)
      read.text = *data.text;
    read.sha256 = data.sha256;
    read.size = data.size;
    out.members.push_back(read);
    if (read.step == MemberStep::kStop || read.step == MemberStep::kExpanded)
      break;
  }
  source.finish(location, out.record);
  return out;
}

inline std::span<const std::byte> as_span(const std::string& s) {
  return std::as_bytes(std::span(s));
}

}  // namespace mamori::content::testing
