// Tests of lib/content/content_scanner.cc: hits in files and nested archive
// members with their location and hash, and notices for corrupt input.
#include "content/content_scanner.h"

#include "content_fixtures.h"

#include "common/sha256.h"

#include <fmt/ranges.h>

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

namespace {

Results scan(const std::vector<fs::path>& roots, const RuleFixture& rules,
             Diagnostics& diag, const assets::Register& reg = {},
             const Limits& limits = {}, unsigned threads = 2) {
  return scan_paths(roots, rules.get(), reg, limits, threads, diag);
}

}  // namespace

TEST_CASE(
    "ContentScanner: a plain file that matches is one hit with its hash") {
  TempDir tree;
  std::string text = std::string("notes\n") + kSecret + "\nend\n";
  write_file(tree / "docs/notes.txt", text);
  write_file(tree / "docs/other.txt", "nothing to see");
  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag);

  REQUIRE(results.hits.size() == 1);
  const ObjectHit& hit = results.hits[0];
  CHECK(hit.location == Location{(tree / "docs/notes.txt").string()});
  CHECK(hit.sha256 == sha256_hex(text));
  CHECK(hit.size == text.size());
  REQUIRE(hit.rules.size() == 1);
  CHECK(hit.rules[0].rule == "secret");
  CHECK_FALSE(hit.container);
  CHECK(results.stats.files_scanned == 2);
  CHECK(results.stats.bytes_scanned == text.size() + 14);
  CHECK(diag.size() == 0);
}

TEST_CASE(
    "ContentScanner: a member of nested archives keeps its whole location") {
  TempDir tree;
  std::string secret = std::string("recipe ") + kSecret;
  std::string deep = make_zip({{"c/secret.txt", secret}, {"c/x.txt", "x"}});
  std::string middle =
      make_archive(spec("gnutar", "gzip"), {{"b/deep.zip", deep}});
  std::string outer =
      make_zip({{"a/readme.txt", "hello"}, {"a/inner.tar.gz", middle}});
  // Named .jpg: containers are recognised by their content.
  write_file(tree / "photo.jpg", outer);
  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag);

  std::string top = (tree / "photo.jpg").string();
  Location inner{top, "a/inner.tar.gz", "b/deep.zip", "c/secret.txt"};
  const ObjectHit* hit = find_hit(results, inner);
  REQUIRE(hit != nullptr);
  CHECK(hit->sha256 == sha256_hex(secret));
  CHECK(hit->size == secret.size());
  CHECK(hit->rules.at(0).rule == "secret");
  CHECK(results.hits.size() == 1);

  REQUIRE(results.archives.size() == 3);
  CHECK(results.archives[0].location == Location{top});
  CHECK(results.archives[0].members == 2);
  CHECK(results.archives[0].sha256 == sha256_hex(outer));
  CHECK(results.archives[1].location == Location{top, "a/inner.tar.gz"});
  CHECK(results.archives[1].members == 1);
  CHECK(results.archives[2].location ==
        Location{top, "a/inner.tar.gz", "b/deep.zip"});
  CHECK(results.archives[2].members == 2);
  CHECK(results.stats.archive_members == 5);
  CHECK(results.stats.files_scanned == 1);
  CHECK(diag.size() == 0);
}

TEST_CASE("ContentScanner: a member with a declared hash is a hash hit") {
  TempDir tree;
  std::string drawing = "binary drawing bytes \x01\x02\x03";
  write_file(tree / "out.zip",
             make_zip({{"dwg/part.dwg", drawing}, {"other", "o"}}));
  assets::Register reg;
  assets::Asset asset;
  asset.id = "ltcc_stack";
  asset.hashes = {sha256_hex(drawing)};
  reg.add(asset);
  RuleFixture rules(kSecretRule, reg);
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag, reg);

  REQUIRE(results.hits.size() == 1);
  CHECK(results.hits[0].location ==
        Location{(tree / "out.zip").string(), "dwg/part.dwg"});
  CHECK(results.hits[0].hash_assets == std::vector<std::string>{"ltcc_stack"});
  CHECK(results.hits[0].rules.empty());
  CHECK(results.hits[0].sha256 == sha256_hex(drawing));
}

TEST_CASE(
    "ContentScanner: a corrupt archive is a notice and the scan goes on") {
  TempDir tree;
  std::string zip = make_zip({{"a.txt", std::string(5000, 'a') + kSecret},
                              {"b.txt", std::string(5000, 'b')}});
  write_file(tree / "broken.zip", zip.substr(0, zip.size() / 2));
  std::string gz = make_archive(spec("gnutar", "gzip"),
                                {{"t.txt", std::string(100000, 't')}});
  write_file(tree / "broken.tgz", gz.substr(0, gz.size() / 2));
  write_file(tree / "z_after.txt", kSecret);
  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag);

  std::vector<Notice> notices = diag.sorted();
  // One notice per damaged archive, even when a member and then the next
  // header both fail.
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].location == Location{(tree / "broken.tgz").string()});
  CHECK(notices[1].location ==
        Location{(tree / "broken.zip").string(), "b.txt"});
  // Members before the damage are still examined.
  CHECK(find_hit(results, {(tree / "broken.zip").string(), "a.txt"}));
  for (const Notice& n : notices) {
    CHECK(n.code == "corrupt_archive");
    CHECK(n.level == Level::kError);
  }
  CHECK(find_hit(results, {(tree / "z_after.txt").string()}) != nullptr);
  CHECK(results.stats.files_scanned == 3);
}

TEST_CASE("ContentScanner: an unreadable file is an error notice") {
  TempDir tree;
  write_file(tree / "locked.txt", kSecret);
  write_file(tree / "open.txt", kSecret);
  fs::permissions(tree.path(), fs::perms::all, fs::perm_options::add);
  fs::permissions(tree / "locked.txt", fs::perms::none);
  RuleFixture rules(kSecretRule);

  // Root reads everything, so the scan runs in a child that gave up root.
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
      ::_exit(2);
    }
    Diagnostics diag;
    Results results = scan({tree.path()}, rules, diag);
    std::string report = std::to_string(results.hits.size());
    for (const Notice& n : diag.sorted()) {
      report += " " + n.code + (n.level == Level::kError ? "!" : "") + "@" +
                fs::path(n.location.at(0)).filename().string();
    }
    ssize_t written = ::write(pipe_fds[1], report.data(), report.size());
    ::_exit(written == static_cast<ssize_t>(report.size()) ? 0 : 3);
  }
  ::close(pipe_fds[1]);
  std::string report;
  char buffer[256];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
    report.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(report == "1 unreadable!@locked.txt");
}

TEST_CASE("ContentScanner: file names keep their raw bytes") {
  TempDir tree;
  std::string name = "evil\n\x1b[31mred\x01\xff.txt";
  write_file(tree / name, kSecret);
  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag);
  REQUIRE(results.hits.size() == 1);
  CHECK(results.hits[0].location == Location{(tree / name).string()});
  CHECK(diag.size() == 0);
}

TEST_CASE("ContentScanner: paths longer than PATH_MAX are walked and read") {
  TempDir tree;
  // 30 levels of 200 characters: about 6000 bytes, over PATH_MAX (4096).
  std::string component(200, 'd');
  int dir = ::open(tree.path().c_str(), O_PATH | O_DIRECTORY);
  REQUIRE(dir >= 0);
  fs::path deep = tree.path();
  for (int i = 0; i < 30; ++i) {
    REQUIRE(::mkdirat(dir, component.c_str(), 0755) == 0);
    int next = ::openat(dir, component.c_str(), O_PATH | O_DIRECTORY);
    ::close(dir);
    REQUIRE(next >= 0);
    dir = next;
    deep /= component;
  }
  int file = ::openat(dir, "deep.txt", O_WRONLY | O_CREAT, 0644);
  ::close(dir);
  REQUIRE(file >= 0);
  REQUIRE(::write(file, kSecret, std::strlen(kSecret)) ==
          static_cast<ssize_t>(std::strlen(kSecret)));
  ::close(file);

  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag);
  for (const Notice& n : diag.sorted())
    MESSAGE(n.code, ": ", n.message);
  CHECK(diag.size() == 0);
  REQUIRE(results.hits.size() == 1);
  CHECK(results.hits[0].location == Location{(deep / "deep.txt").string()});
  CHECK(results.hits[0].location[0].size() > 4096);
  // TempDir's remove_all cannot delete it either: undo it piece by piece.
  std::error_code ec;
  fs::path cwd = fs::current_path();
  fs::current_path(tree.path());
  for (int i = 0; i < 29; ++i)
    fs::current_path(component);
  fs::current_path(component, ec);
  fs::remove("deep.txt", ec);
  for (int i = 0; i < 30; ++i) {
    fs::current_path("..");
    fs::remove(component, ec);
  }
  fs::current_path(cwd);
}

TEST_CASE(
    "ContentScanner: scanning leaves contents, sizes and times as they were") {
  TempDir tree;
  write_file(tree / "a.txt", kSecret);
  write_file(tree / "sub/b.zip", make_zip({{"x.txt", kSecret}}));
  write_file(tree / "sub/deeper/c.bin", std::string(100000, 'c'));
  write_file(tree / "sub/deeper/d.tgz",
             make_archive(spec("gnutar", "gzip"), {{"y.txt", "y"}}));
  std::vector<fs::path> paths{tree.path()};
  std::vector<std::string> contents{""};
  for (const auto& entry : fs::recursive_directory_iterator(tree.path())) {
    paths.push_back(entry.path());
    contents.push_back(entry.is_regular_file() ? read_file(entry.path())
                                               : std::string());
  }
  // Access times older than modification times: a plain read would update
  // them under the default relatime mount option.
  for (const fs::path& p : paths) {
    timespec times[2] = {{1000000000, 0}, {1600000000, 0}};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
  }
  struct Snapshot {
    uint64_t size;
    timespec atime, mtime, ctime;
  };
  auto snapshot = [&] {
    std::vector<Snapshot> out;
    for (const fs::path& p : paths) {
      struct stat st {};
      REQUIRE(::lstat(p.c_str(), &st) == 0);
      out.push_back({static_cast<uint64_t>(st.st_size), st.st_atim, st.st_mtim,
                     st.st_ctim});
    }
    return out;
  };
  std::vector<Snapshot> before = snapshot();
  RuleFixture rules(kSecretRule);
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag);
  CHECK(results.hits.size() >= 2);
  std::vector<Snapshot> after = snapshot();
  REQUIRE(before.size() == after.size());
  for (size_t i = 0; i < before.size(); ++i) {
    CAPTURE(paths[i].string());
    CHECK(before[i].size == after[i].size);
    CHECK(before[i].atime.tv_sec == after[i].atime.tv_sec);
    CHECK(before[i].atime.tv_nsec == after[i].atime.tv_nsec);
    CHECK(before[i].mtime.tv_sec == after[i].mtime.tv_sec);
    CHECK(before[i].ctime.tv_sec == after[i].ctime.tv_sec);
    CHECK(before[i].ctime.tv_nsec == after[i].ctime.tv_nsec);
  }
  // Contents: nothing was added, removed or rewritten.
  for (size_t i = 0; i < paths.size(); ++i) {
    if (fs::is_regular_file(paths[i]))
      CHECK(read_file(paths[i]) == contents[i]);
  }
  size_t entries = 0;
  for (const auto& entry : fs::recursive_directory_iterator(tree.path())) {
    (void)entry;
    ++entries;
  }
  CHECK(entries + 1 == paths.size());
}

TEST_CASE("ContentScanner: results do not depend on the number of threads") {
  TempDir tree;
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    write_file(tree / ("d" + n + "/plain.txt"), i % 2 ? kSecret : "none");
    write_file(tree / ("d" + n + "/a.zip"),
               make_zip({{"m" + n + ".txt", kSecret}, {"x", "x"}}));
  }
  RuleFixture rules(kSecretRule);
  auto flatten = [&](unsigned threads) {
    Diagnostics diag;
    Results r = scan({tree.path()}, rules, diag, {}, {}, threads);
    std::vector<std::string> out;
    for (const ObjectHit& h : r.hits)
      out.push_back(fmt::format("{}", fmt::join(h.location, "|")));
    for (const ContainerRecord& a : r.archives)
      out.push_back(
          fmt::format("A {} {}", fmt::join(a.location, "|"), a.members));
    out.push_back(std::to_string(r.stats.archive_members));
    return out;
  };
  std::vector<std::string> one = flatten(1);
  CHECK(one.size() == 6 + 12 + 12 + 1);
  CHECK(flatten(4) == one);
  CHECK(flatten(0) == one);
}

TEST_CASE("ContentScanner: UTF-16 text files are matched in their text") {
  TempDir tree;
  std::u16string text = u"\u6750\u6599\u914D\u5408 recipe";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : text) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  write_file(tree / "notes.txt", bytes);
  RuleFixture rules(
      "rule recipe_jp { strings: $a = \"\u6750\u6599\u914D\u5408\" condition: "
      "$a }");
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag);
  REQUIRE(results.hits.size() == 1);
  CHECK(results.hits[0].rules.at(0).rule == "recipe_jp");
  CHECK(results.hits[0].sha256 == sha256_hex(bytes));
  // Found in the UTF-8 text read from it, not in its bytes: the layer and
  // the offset say so, and the excerpt is of that text.
  REQUIRE(results.hits[0].rules.at(0).strings.size() == 1);
  const StringMatch& m = results.hits[0].rules[0].strings[0];
  CHECK(m.layer == "text");
  CHECK(m.id == "$a");
  CHECK(m.offset == 0);
  CHECK(m.length == 12);
  CHECK(m.keyword.empty());
  CHECK(m.encoding.empty());
  // (utf16_text also reads the odd-aligned run; the excerpt shows the text
  // layer as it was matched.)
  CHECK(m.excerpt.starts_with("\u6750\u6599\u914D\u5408 recipe"));
}

TEST_CASE(
    "ContentScanner: a register keyword in CP932 inside a zip member names "
    "its keyword, encoding, offset and excerpt, across the worker's pipe") {
  TempDir tree;
  // 非球面研磨 in CP932, after "ファイル: " (11 bytes in CP932) and a tab.
  const std::string keyword = "\x94\xf1\x8b\x85\x96\xca\x8c\xa4\x96\x81";
  const std::string text =
      "\x83t\x83@\x83"
      "C\x83\x8b: \t" +
      keyword + "\r\n";
  write_file(tree / "out.zip", make_zip({{"docs/spec.txt", text}}));
  assets::Register reg;
  assets::Asset asset;
  asset.id = "lens";
  asset.sensitivity = assets::Sensitivity::kCore;
  asset.keywords = {"非球面研磨"};
  reg.add(asset);
  RuleFixture rules(kSecretRule, reg);
  for (const bool excerpts : {true, false}) {
    CAPTURE(excerpts);
    Limits limits;
    limits.excerpts = excerpts;
    Diagnostics diag;
    Results results = scan({tree.path()}, rules, diag, reg, limits);
    REQUIRE(results.hits.size() == 1);
    REQUIRE(results.hits[0].rules.size() == 1);
    const RuleHit& hit = results.hits[0].rules[0];
    CHECK(hit.rule == "asset_lens_keywords");
    REQUIRE(hit.strings.size() == 1);
    const StringMatch& m = hit.strings[0];
    CHECK(m.id == "$k0_cp932");
    CHECK(m.keyword == "非球面研磨");
    CHECK(m.encoding == "CP932");
    CHECK(m.layer == "bytes");
    CHECK(m.offset == 11);
    CHECK(m.length == 10);
    // Decoded from CP932; the tab and line end escaped.
    CHECK(m.excerpt == (excerpts ? "ファイル: \\t非球面研磨\\r\\n" : ""));
  }
}

TEST_CASE("ContentScanner: a followed link to a file is read through it") {
  TempDir outside;
  write_file(outside / "secret.txt", kSecret);
  TempDir tree;
  fs::create_symlink(outside / "secret.txt", tree / "link.txt");
  RuleFixture rules(kSecretRule);
  Limits limits;
  limits.follow_links = true;
  Diagnostics diag;
  Results results = scan({tree.path()}, rules, diag, {}, limits);
  REQUIRE(results.hits.size() == 1);
  CHECK(results.hits[0].location == Location{(tree / "link.txt").string()});
  CHECK(diag.size() == 0);
}
