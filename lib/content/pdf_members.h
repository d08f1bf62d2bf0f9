// The members of a PDF: its FlateDecode streams (pdf_streams.h), each
// inflated into a bounded buffer and named after its object ("12 0 obj").
// A PDF is a document, and its own bytes are always matched as well.
#pragma once

#include "content/member_source.h"
#include "content/pdf_streams.h"

#include <vector>

namespace mamori::content {

class PdfMembers : public MemberSource {
 public:
  // Finds the streams of `data`, which must outlive the source.
  PdfMembers(std::span<const std::byte> data, ExpansionContext& context);

  // Without compressed streams, the PDF's own bytes are all there is.
  bool worth_opening() const override { return !streams_.empty(); }
  bool open(const Location& location) override;
  Header next(ContainerRecord& record, std::string& name) override;
  MemberStep read(const Location& location, ContainerRecord& record,
                  MemberData& member) override;
  void finish(const Location& location, ContainerRecord& record) override;

 private:
  ExpansionContext& context_;
  std::vector<PdfStream> streams_;
  size_t next_ = 0;  // index of the next stream in streams_
  uint64_t ratio_cap_ = 0;
  uint64_t expanded_ = 0;          // bytes inflated out of this PDF
  uint64_t over_ratio_bytes_ = 0;  // of whole streams over max_ratio
  std::vector<std::byte> buffer_;
};

}  // namespace mamori::content
