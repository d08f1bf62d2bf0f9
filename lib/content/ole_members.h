// The members of a legacy Office file (Compound File Binary: .doc, .xls,
// .ppt, .msg): its streams (ole_streams.h), named by their storage path
// and matched in their UTF-16 text as well as in their bytes. Streams are
// stored, not compressed, so no ratio limit applies.
#pragma once

#include "content/member_source.h"
#include "content/ole_streams.h"

#include <vector>

namespace mamori::content {

class OleMembers : public MemberSource {
 public:
  // `data` must outlive the source.
  OleMembers(std::span<const std::byte> data, ExpansionContext& context);

  // False (a corrupt_archive error) when the file's structure is broken.
  bool open(const Location& location) override;
  Header next(ContainerRecord& record, std::string& name) override;
  MemberStep read(const Location& location, ContainerRecord& record,
                  MemberData& member) override;
  void finish(const Location& location, ContainerRecord& record) override;

 private:
  std::span<const std::byte> data_;
  ExpansionContext& context_;
  OleFile ole_;
  size_t next_ = 0;  // index of the next stream in ole_.streams()
  std::vector<std::byte> buffer_;
  std::string text_;  // the current stream's UTF-16 text, as UTF-8
};

}  // namespace mamori::content
