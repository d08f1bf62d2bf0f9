// MailMembers: the message parsed once by GMime over the bytes in place
// (the parser keeps the parts as ranges of that stream, not copies), its
// parts listed depth-first, then each one decoded when it is read.
#include "content/mail_members.h"

#include "common/handle.h"
#include "common/text.h"

#include <algorithm>
#include <gmime/gmime.h>
#include <string_view>

namespace mamori::content {
namespace {

void unref_object(void* object) {
  g_object_unref(object);
}
// The array wraps bytes that are not its own: it lets go of them unfreed.
void release_array(GByteArray* array) {
  g_byte_array_free(array, FALSE);
}
void free_text(char* text) {
  g_free(text);
}

using StreamHandle = CHandle<GMimeStream, unref_object>;
using ParserHandle = CHandle<GMimeParser, unref_object>;
using MessageHandle = CHandle<GMimeMessage, unref_object>;
using ArrayHandle = CHandle<GByteArray, release_array>;
using TextHandle = CHandle<char, free_text>;

// A message nests multiparts within multiparts; deeper than this is not a
// mail a person wrote, and its parts are not listed (a notice says so).
constexpr int kMaxMimeDepth = 64;

enum class PartKind { kHeaders, kText, kHtml, kBinary, kMessage };

struct Part {
  GMimeObject* object;  // owned by the message
  PartKind kind;
  std::string name;
};

// A file name of the message's choosing, made a member name: its last
// path component, without control characters.
std::string clean_name(const char* name) {
  if (name == nullptr)
    return {};
  std::string_view s(name);
  if (const size_t slash = s.find_last_of("/\\");
      slash != std::string_view::npos)
    s.remove_prefix(slash + 1);
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)
      out += c;
  }
  if (out == "." || out == "..")
    return {};
  replace_invalid_utf8(out);
  return out;
}

std::string part_name(GMimeObject* object, PartKind kind, size_t number) {
  std::string name;
  if (GMIME_IS_PART(object)) {
    name = clean_name(g_mime_part_get_filename(GMIME_PART(object)));
  } else {
    name = clean_name(
        g_mime_object_get_content_disposition_parameter(object, "filename"));
    if (name.empty())
      name =
          clean_name(g_mime_object_get_content_type_parameter(object, "name"));
  }
  if (!name.empty())
    return name;
  const char* extension = kind == PartKind::kText      ? "txt"
                          : kind == PartKind::kHtml    ? "html"
                          : kind == PartKind::kMessage ? "eml"
                                                       : "bin";
  return fmt::format("part-{}.{}", number, extension);
}

PartKind leaf_kind(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr || !GMIME_IS_TEXT_PART(object))
    return PartKind::kBinary;
  if (g_mime_content_type_is_type(type, "text", "html"))
    return PartKind::kHtml;
  return PartKind::kText;
}

// The decoded text of a message's header fields, one "Name: value" a line.
std::string header_text(GMimeObject* object) {
  std::string out;
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const char* name = g_mime_header_get_name(header);
    const char* raw = g_mime_header_get_raw_value(header);
    if (name == nullptr || raw == nullptr)
      continue;
    const TextHandle decoded(g_mime_utils_header_decode_text(nullptr, raw));
    std::string value = decoded ? decoded.get() : raw;
    // One line per field: folded values are unfolded.
    std::erase_if(value, [](char c) { return c == '\r'; });
    std::replace(value.begin(), value.end(), '\n', ' ');
    const size_t first = value.find_first_not_of(" \t");
    const size_t last = value.find_last_not_of(" \t");
    value = first == std::string::npos ? std::string()
                                       : value.substr(first, last - first + 1);
    out += fmt::format("{}: {}\n", name, value);
  }
  replace_invalid_utf8(out);
  return out;
}

}  // namespace

void prepare_mail_reader() {
  // GMime's state is the process's own (charset tables, its type
  // registrations), counted by g_mime_init: it is set up once and kept
  // until the process ends, rather than rebuilt for every message.
  static const bool ready = [] {
    g_mime_init();
    return true;
  }();
  (void)ready;
}

struct MailMembers::Parsed {
  // In the order they must die: the message, its parser, the stream they
  // read, and last the array over the file's bytes.
  ArrayHandle array;
  StreamHandle stream;
  ParserHandle parser;
  MessageHandle message;
  std::vector<Part> parts;
  bool too_deep = false;

  void collect(GMimeObject* object, int depth) {
    if (object == nullptr)
      return;
    if (depth > kMaxMimeDepth) {
      too_deep = true;
      return;
    }
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      const int count = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < count; ++i)
        collect(g_mime_multipart_get_part(multipart, i), depth + 1);
      return;
    }
    const PartKind kind = GMIME_IS_MESSAGE_PART(object) ? PartKind::kMessage
                          : GMIME_IS_PART(object)       ? leaf_kind(object)
                                                        : PartKind::kBinary;
    // Member 0 is headers.txt, so the parts are numbered from 1.
    parts.push_back({object, kind, part_name(object, kind, parts.size())});
  }
};

MailMembers::MailMembers(std::span<const std::byte> data,
                         ExpansionContext& context)
    : data_(data), context_(context) {
  prepare_mail_reader();
}

MailMembers::~MailMembers() = default;

bool MailMembers::open(const Location& location) {
  if (data_.size() > G_MAXUINT) {
    context_.notices.warn_in("limit_member_size", location,
                             "message too large for GMime; not opened");
    return false;
  }
  auto parsed = std::make_unique<Parsed>();
  // GMime reads, never writes, the array: the const bytes are lent.
  auto* bytes =
      const_cast<guint8*>(reinterpret_cast<const guint8*>(data_.data()));
  parsed->array.reset(
      g_byte_array_new_take(bytes, static_cast<gsize>(data_.size())));
  parsed->stream.reset(
      g_mime_stream_mem_new_with_byte_array(parsed->array.get()));
  g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(parsed->stream.get()), FALSE);
  parsed->parser.reset(g_mime_parser_new_with_stream(parsed->stream.get()));
  parsed->message.reset(
      g_mime_parser_construct_message(parsed->parser.get(), nullptr));
  if (!parsed->message) {
    context_.notices.warn_in("corrupt_archive", location,
                             "not a readable e-mail message; not opened");
    return false;
  }
  parsed->parts.push_back(
      {GMIME_OBJECT(parsed->message.get()), PartKind::kHeaders, "headers.txt"});
  parsed->collect(g_mime_message_get_mime_part(parsed->message.get()), 0);
  if (parsed->too_deep) {
    context_.notices.warn_in(
        "limit_depth", location,
        "MIME parts nested deeper than {} levels; those are not examined",
        kMaxMimeDepth);
  }
  parsed_ = std::move(parsed);
  return true;
}

MemberSource::Header MailMembers::next(ContainerRecord& /*record*/,
                                       std::string& name) {
  if (next_ == parsed_->parts.size())
    return Header::kEnd;
  name = parsed_->parts[next_++].name;
  return Header::kMember;
}

MemberStep MailMembers::read(const Location& location,
                             ContainerRecord& /*record*/, MemberData& member) {
  buffer_.clear();
  text_.clear();
  const MemberStep step = read_part(location, next_ - 1);
  if (step != MemberStep::kMatch)
    return step;
  if (buffer_.size() > context_.member_allowance() ||
      text_.size() > context_.member_allowance()) {
    context_.notices.warn_in(
        "limit_member_size", location,
        "message part of {} is over the {} limit; not examined",
        human_bytes(std::max(buffer_.size(), text_.size())),
        human_bytes(context_.limits.max_member_size));
    return MemberStep::kNext;
  }
  if (!context_.count_expanded(buffer_.size() + text_.size()))
    return MemberStep::kExpanded;
  member.bytes = std::as_bytes(std::span(buffer_));
  member.text = text_.empty() ? nullptr : &text_;
  member.leaf = parsed_->parts[next_ - 1].kind == PartKind::kHeaders;
  return MemberStep::kMatch;
}

MemberStep MailMembers::read_part(const Location& location, size_t index) {
  const Part& part = parsed_->parts[index];
  if (part.kind == PartKind::kHeaders) {
    buffer_ = header_text(part.object);
    return MemberStep::kMatch;
  }
  const StreamHandle out(g_mime_stream_mem_new());
  if (part.kind == PartKind::kMessage) {
    GMimeMessage* message =
        g_mime_message_part_get_message(GMIME_MESSAGE_PART(part.object));
    if (message != nullptr &&
        g_mime_object_write_to_stream(GMIME_OBJECT(message), nullptr,
                                      out.get()) < 0) {
      context_.notices.warn_in("corrupt_archive", location,
                               "attached message cannot be read");
      return MemberStep::kNext;
    }
  } else if (GMIME_IS_PART(part.object)) {
    GMimeDataWrapper* content =
        g_mime_part_get_content(GMIME_PART(part.object));
    if (content != nullptr) {
      // Decoding never lengthens base64 or quoted-printable: the encoded
      // size bounds the decoded one, before anything is decoded.
      const gint64 encoded =
          g_mime_stream_length(g_mime_data_wrapper_get_stream(content));
      if (encoded > 0 &&
          static_cast<uint64_t>(encoded) > context_.member_allowance()) {
        context_.notices.warn_in(
            "limit_member_size", location,
            "message part of {} is over the {} limit; not examined",
            human_bytes(static_cast<uint64_t>(encoded)),
            human_bytes(context_.limits.max_member_size));
        return MemberStep::kNext;
      }
      if (g_mime_data_wrapper_write_to_stream(content, out.get()) < 0) {
        context_.notices.warn_in("corrupt_archive", location,
                                 "message part cannot be decoded");
        return MemberStep::kNext;
      }
    }
  }
  const GByteArray* decoded =
      g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  buffer_.assign(reinterpret_cast<const char*>(decoded->data), decoded->len);
  if (part.kind == PartKind::kText || part.kind == PartKind::kHtml) {
    // GMime converts from the part's charset (or its best guess) to UTF-8.
    const TextHandle utf8(
        g_mime_text_part_get_text(GMIME_TEXT_PART(part.object)));
    if (utf8 && buffer_ != utf8.get()) {
      if (part.kind == PartKind::kHtml) {
        // The HTML text layer reads the member's bytes: they are the
        // UTF-8 text, marked as such so that a <meta charset> naming the
        // original one is not believed.
        buffer_ = "\xEF\xBB\xBF";
        buffer_ += utf8.get();
      } else {
        text_ = utf8.get();
        replace_invalid_utf8(text_);
      }
    }
  }
  return MemberStep::kMatch;
}

// A message is reported as a document with parts (its body, its
// attachments), as a PDF is: a person wrote it, it did not pack files. An
// archive attached to it is still an archive of its own.
void MailMembers::finish(const Location& /*location*/,
                         ContainerRecord& record) {
  record.document = true;
}

}  // namespace mamori::content
