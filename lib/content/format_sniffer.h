// Recognises containers by their leading bytes, never by their name: a zip
// renamed .jpg is still opened. Only what the sniffer accepts is handed to
// libarchive, which keeps libarchive's more permissive formats (mtree, raw)
// away from ordinary files.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace mamori::content {

enum class ContainerKind {
  kNone,        // an ordinary object: matched, not opened
  kArchive,     // zip, 7z, rar, tar, iso9660, cab, cpio, ar, xar, lha
  kCompressed,  // a compression filter (gzip, bzip2, xz, zstd, lz4...):
                // a compressed tar, or one compressed file
  kPdf,         // streams inflated by pdf_streams
  kOle,         // compound file (.doc/.xls/.ppt): streams reassembled
  kMail,        // an RFC 5322 message (.eml): MIME parts (mail_members)
  kMailbox,     // a Unix mailbox (mbox): its messages (mail_members)
};

struct Sniffed {
  ContainerKind kind = ContainerKind::kNone;
  // False for short magic numbers that ordinary binaries may start with
  // (binary cpio, lha, compress) and for a zip found only by its end record
  // (appended to another file): a failure to open such an object is not
  // reported as a corrupt archive, and its own bytes are always matched.
  bool certain = true;
};

Sniffed sniff_container(std::span<const std::byte> data);

// True when `data` begins with the header block of an e-mail message: only
// header fields (or their folded continuations) up to the blank line that
// ends them (or the end of the data), among them at least two of the fields
// a mail program writes (From, Date, Message-ID, MIME-Version, Received,
// Return-Path, Subject, To...), one of them naming a sender, a date or an
// identity (From, Date, Message-ID, MIME-Version, Received, Return-Path).
// A text file whose first line is prose, or that has a "Title: x" line
// or two, is not mail.
bool looks_like_mail(std::span<const std::byte> data);

// A Unix mailbox (mbox, RFC 4155): a "From " line of a sender and a date
// with its time of day, then a message whose header block looks like mail.
bool looks_like_mailbox(std::span<const std::byte> data);

// True when `data` holds the bytes of `magic` at `offset`.
bool has_bytes_at(std::span<const std::byte> data, size_t offset,
                  std::string_view magic);

}  // namespace mamori::content
