// Part of mamori-documents.so (documents.h): a message parsed once by GMime
// over the bytes in place (the parser keeps the parts as ranges of that
// stream, not copies), its parts listed depth-first, then each one decoded
// when it is read. Names, limits and notices are content/mail_members.cc's.
#include "documents/documents.h"

#include "common/handle.h"

#include <algorithm>
#include <gmime/gmime.h>
#include <string_view>

namespace mamori::documents {
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

std::string text_or_empty(const char* text) {
  return text == nullptr ? std::string() : std::string(text);
}

std::string filename_of(GMimeObject* object) {
  if (GMIME_IS_PART(object))
    return text_or_empty(g_mime_part_get_filename(GMIME_PART(object)));
  std::string name = text_or_empty(
      g_mime_object_get_content_disposition_parameter(object, "filename"));
  if (name.empty())
    name =
        text_or_empty(g_mime_object_get_content_type_parameter(object, "name"));
  return name;
}

MailPartKind leaf_kind(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr || !GMIME_IS_TEXT_PART(object))
    return MailPartKind::kBinary;
  if (g_mime_content_type_is_type(type, "text", "html"))
    return MailPartKind::kHtml;
  return MailPartKind::kText;
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
    out.append(name).append(": ").append(value).append("\n");
  }
  return out;
}

class GMimeMail : public MailMessage {
 public:
  bool open(std::span<const std::byte> data) {
    // GMime reads, never writes, the array: the const bytes are lent.
    auto* bytes =
        const_cast<guint8*>(reinterpret_cast<const guint8*>(data.data()));
    array_.reset(g_byte_array_new_take(bytes, static_cast<gsize>(data.size())));
    stream_.reset(g_mime_stream_mem_new_with_byte_array(array_.get()));
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream_.get()), FALSE);
    parser_.reset(g_mime_parser_new_with_stream(stream_.get()));
    message_.reset(g_mime_parser_construct_message(parser_.get(), nullptr));
    if (!message_)
      return false;
    objects_.push_back(GMIME_OBJECT(message_.get()));
    parts_.push_back({MailPartKind::kHeaders, {}});
    collect(g_mime_message_get_mime_part(message_.get()), 0);
    return true;
  }

  const std::vector<MailPart>& parts() const override { return parts_; }
  bool too_deep() const override { return too_deep_; }

  MailRead read(size_t index, uint64_t allowance, std::string& bytes,
                std::string& text, uint64_t& size) override {
    bytes.clear();
    text.clear();
    GMimeObject* object = objects_.at(index);
    const MailPartKind kind = parts_.at(index).kind;
    if (kind == MailPartKind::kHeaders) {
      bytes = header_text(object);
      return MailRead::kOk;
    }
    const StreamHandle out(g_mime_stream_mem_new());
    if (kind == MailPartKind::kMessage) {
      GMimeMessage* message =
          g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (message != nullptr &&
          g_mime_object_write_to_stream(GMIME_OBJECT(message), nullptr,
                                        out.get()) < 0)
        return MailRead::kUnreadable;
    } else if (GMIME_IS_PART(object)) {
      GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(object));
      if (content != nullptr) {
        // Decoding never lengthens base64 or quoted-printable: the encoded
        // size bounds the decoded one, before anything is decoded.
        const gint64 encoded =
            g_mime_stream_length(g_mime_data_wrapper_get_stream(content));
        if (encoded > 0 && static_cast<uint64_t>(encoded) > allowance) {
          size = static_cast<uint64_t>(encoded);
          return MailRead::kTooLarge;
        }
        if (g_mime_data_wrapper_write_to_stream(content, out.get()) < 0)
          return MailRead::kUndecodable;
      }
    }
    const GByteArray* decoded =
        g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    bytes.assign(reinterpret_cast<const char*>(decoded->data), decoded->len);
    if (kind == MailPartKind::kText || kind == MailPartKind::kHtml) {
      // GMime converts from the part's charset (or its best guess) to UTF-8.
      const TextHandle utf8(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
      if (utf8 && bytes != utf8.get()) {
        if (kind == MailPartKind::kHtml) {
          // The HTML text layer reads the member's bytes: they are the
          // UTF-8 text, marked as such so that a <meta charset> naming the
          // original one is not believed.
          bytes = "\xEF\xBB\xBF";
          bytes += utf8.get();
        } else {
          text = utf8.get();
        }
      }
    }
    return MailRead::kOk;
  }

 private:
  void collect(GMimeObject* object, int depth) {
    if (object == nullptr)
      return;
    if (depth > kMaxMimeDepth) {
      too_deep_ = true;
      return;
    }
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      const int count = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < count; ++i)
        collect(g_mime_multipart_get_part(multipart, i), depth + 1);
      return;
    }
    const MailPartKind kind = GMIME_IS_MESSAGE_PART(object)
                                  ? MailPartKind::kMessage
                              : GMIME_IS_PART(object) ? leaf_kind(object)
                                                      : MailPartKind::kBinary;
    objects_.push_back(object);
    parts_.push_back({kind, filename_of(object)});
  }

  // In the order they must die: the message, its parser, the stream they
  // read, and last the array over the file's bytes.
  ArrayHandle array_;
  StreamHandle stream_;
  ParserHandle parser_;
  MessageHandle message_;
  std::vector<GMimeObject*> objects_;  // owned by the message
  std::vector<MailPart> parts_;
  bool too_deep_ = false;
};

}  // namespace

void prepare_mail() {
  // GMime's state is the process's own (charset tables, its type
  // registrations), counted by g_mime_init: it is set up once and kept
  // until the process ends, rather than rebuilt for every message.
  static const bool ready = [] {
    g_mime_init();
    return true;
  }();
  (void)ready;
}

std::unique_ptr<MailMessage> open_mail(std::span<const std::byte> data) {
  prepare_mail();
  if (data.size() > G_MAXUINT)
    return nullptr;
  auto mail = std::make_unique<GMimeMail>();
  if (!mail->open(data))
    return nullptr;
  return mail;
}

std::vector<MailboxMessage> mailbox_messages(std::span<const std::byte> mbox) {
  prepare_mail();
  std::vector<MailboxMessage> out;
  if (mbox.size() > G_MAXUINT)
    return out;
  // Declared so that they die in order: the parser, its stream, the array.
  auto* bytes =
      const_cast<guint8*>(reinterpret_cast<const guint8*>(mbox.data()));
  const ArrayHandle array(
      g_byte_array_new_take(bytes, static_cast<gsize>(mbox.size())));
  const StreamHandle stream(g_mime_stream_mem_new_with_byte_array(array.get()));
  g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream.get()), FALSE);
  const ParserHandle parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
  // Where each message's "From " line starts, as the parser meets them.
  std::vector<uint64_t> markers;
  while (!g_mime_parser_eos(parser.get())) {
    const MessageHandle message(
        g_mime_parser_construct_message(parser.get(), nullptr));
    const gint64 marker = g_mime_parser_get_mbox_marker_offset(parser.get());
    if (!message || marker < 0 ||
        static_cast<uint64_t>(marker) >= mbox.size() ||
        (!markers.empty() && static_cast<uint64_t>(marker) <= markers.back()))
      break;
    markers.push_back(static_cast<uint64_t>(marker));
  }
  const std::string_view text(reinterpret_cast<const char*>(mbox.data()),
                              mbox.size());
  for (size_t i = 0; i < markers.size(); ++i) {
    const size_t line_end = text.find('\n', markers[i]);
    const uint64_t end = i + 1 < markers.size() ? markers[i + 1] : mbox.size();
    if (line_end == std::string_view::npos || line_end + 1 >= end)
      continue;  // a "From " line and nothing after it
    out.push_back({line_end + 1, end - (line_end + 1)});
  }
  return out;
}

std::string gmime_version() {
  return "GMime " + std::to_string(gmime_major_version) + "." +
         std::to_string(gmime_minor_version) + "." +
         std::to_string(gmime_micro_version);
}

}  // namespace mamori::documents
