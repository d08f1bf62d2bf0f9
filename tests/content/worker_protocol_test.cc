// The worker protocol round-trips records whose strings hold any byte, cuts
// frames that arrive byte by byte, and refuses what a broken worker could
// send: truncated payloads, trailing bytes, lengths past the end.
#include "content/worker_protocol.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;
using namespace mamori::content;

namespace {

// Every byte value, NUL and invalid UTF-8 included.
std::string hostile() {
  std::string s;
  for (int i = 0; i < 256; ++i)
    s.push_back(static_cast<char>(i));
  return s + "\xff\xfe\n\r\x1b[31m";
}

}  // namespace

TEST_CASE("WorkerProtocol: an object hit round-trips with hostile names") {
  ObjectHit hit;
  hit.location = {"/evidence/" + hostile(), std::string("a\0b", 3), ""};
  hit.sha256 = std::string(64, 'f');
  hit.size = 0xfedcba9876543210ull;
  hit.rules.push_back(
      {"secret", {"asset-1", hostile()}, Severity::kCritical, hostile()});
  hit.rules.push_back({"other", {}, std::nullopt, ""});
  hit.rules.push_back({"low", {}, Severity::kInfo, "d"});
  hit.rules[0].strings = {
      {"$k0_cp932", "非球面研磨", "CP932", 0x1122334455667788ull, 10,
       "…\\x1b[31m非球面研磨\\u202e…", "bytes"},
      {"$", "", "", 0, 0, "", "text"},
      {hostile(), hostile(), hostile(), 1, 2, hostile(), hostile()}};
  hit.rules[0].strings_omitted = 42;
  hit.rules[2].strings = {{"$a", "", "", 7, 3, "abc", "text"}};
  hit.hash_assets = {"a", hostile()};
  hit.container = true;

  const std::optional<ObjectHit> back = decode_hit(encode_hit(hit));
  REQUIRE(back);
  CHECK(back->location == hit.location);
  CHECK(back->sha256 == hit.sha256);
  CHECK(back->size == hit.size);
  REQUIRE(back->rules.size() == 3);
  CHECK(back->rules[0].rule == "secret");
  CHECK(back->rules[0].assets == hit.rules[0].assets);
  CHECK(back->rules[0].severity == Severity::kCritical);
  CHECK(back->rules[0].description == hostile());
  CHECK_FALSE(back->rules[1].severity.has_value());
  CHECK(back->rules[2].severity == Severity::kInfo);
  // String matches, field by field, in their order.
  CHECK(back->rules[0].strings == hit.rules[0].strings);
  CHECK(back->rules[0].strings_omitted == 42);
  CHECK(back->rules[1].strings.empty());
  CHECK(back->rules[1].strings_omitted == 0);
  CHECK(back->rules[2].strings == hit.rules[2].strings);
  CHECK(back->hash_assets == hit.hash_assets);
  CHECK(back->container);
}

TEST_CASE("WorkerProtocol: containers, notices, stats and files round-trip") {
  ContainerRecord record;
  record.location = {hostile(), "inner.zip"};
  record.sha256 = "abc";
  record.size = 42;
  record.document = true;
  record.members = 7;
  record.encrypted = true;
  record.encrypted_members = {hostile(), ""};
  const auto r = decode_container(encode_container(record));
  REQUIRE(r);
  CHECK(r->location == record.location);
  CHECK(r->sha256 == "abc");
  CHECK(r->size == 42);
  CHECK(r->document);
  CHECK(r->members == 7);
  CHECK(r->encrypted);
  CHECK(r->encrypted_members == record.encrypted_members);

  const Notice notice{
      Level::kError, "corrupt_archive", {hostile(), "m"}, "src:1", hostile()};
  const auto n = decode_notice(encode_notice(notice));
  REQUIRE(n);
  CHECK(n->level == Level::kError);
  CHECK(n->code == "corrupt_archive");
  CHECK(n->location == notice.location);
  CHECK(n->source == "src:1");
  CHECK(n->message == hostile());
  CHECK(
      decode_notice(encode_notice({Level::kWarning, "w", {}, "", ""}))->level ==
      Level::kWarning);

  const auto s = decode_stats(encode_stats({1, 2, 3}));
  REQUIRE(s);
  CHECK(s->files_scanned == 1);
  CHECK(s->bytes_scanned == 2);
  CHECK(s->archive_members == 3);

  WalkedFile file{std::string("/x/") + hostile().substr(1, 46), 99, true};
  const auto f = decode_file(encode_file(file));
  REQUIRE(f);
  CHECK(f->path == file.path);
  CHECK(f->size == 99);
  CHECK(f->follow_link);
}

TEST_CASE("WorkerProtocol: a damaged payload is refused, never half read") {
  ObjectHit hit;
  hit.location = {"a", "b"};
  hit.rules.push_back({"r", {"x"}, Severity::kHigh, "d"});
  hit.rules[0].strings = {{"$a", "kw", "UTF-8", 1, 2, "e", "bytes"}};
  hit.rules[0].strings_omitted = 1;
  const std::string good = encode_hit(hit);
  for (size_t cut = 0; cut < good.size(); ++cut)
    CHECK_FALSE(decode_hit(good.substr(0, cut)));
  CHECK_FALSE(decode_hit(good + "x"));
  // A string length far past the end.
  std::string huge = good;
  huge[0] = '\xff';
  huge[7] = '\x7f';
  CHECK_FALSE(decode_hit(huge));
  // A flag that is neither 0 nor 1.
  CHECK_FALSE(decode_notice(std::string("\x02") + encode_notice({}).substr(1)));
}

TEST_CASE(
    "WorkerProtocol: frames are cut from a stream that arrives bytewise") {
  const std::string stream =
      encode_frame(MessageKind::kHit, encode_hit({})) +
      encode_frame(MessageKind::kDone, encode_stats({5, 6, 7})) +
      encode_frame(MessageKind::kAtime, "");
  FrameReader reader;
  std::vector<Frame> frames;
  for (char c : stream) {
    reader.feed(std::string_view(&c, 1));
    while (auto f = reader.next())
      frames.push_back(std::move(*f));
  }
  CHECK_FALSE(reader.broken());
  CHECK_FALSE(reader.pending());
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].kind == MessageKind::kHit);
  CHECK(frames[1].kind == MessageKind::kDone);
  CHECK(decode_stats(frames[1].payload)->archive_members == 7);
  CHECK(frames[2].kind == MessageKind::kAtime);
  CHECK(frames[2].payload.empty());

  FrameReader bad;
  bad.feed(std::string("\x63\0\0\0\0", 5));
  CHECK_FALSE(bad.next());
  CHECK(bad.broken());
  FrameReader too_long;
  too_long.feed(std::string("\x02\xff\xff\xff\xff", 5));
  CHECK_FALSE(too_long.next());
  CHECK(too_long.broken());
}
