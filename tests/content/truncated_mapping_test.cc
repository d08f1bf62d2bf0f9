// A mapped file that another program truncates while mamori reads it: the
// pages past the new end raise SIGBUS. libyara catches it during matching;
// mamori must turn that into an `unreadable` notice, not a crash.
#include "content_fixtures.h"

#include "rules/rule_set.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace mamori;
using namespace mamori::content::testing;

TEST_CASE(
    "Scanner: bytes that vanish under a mapping are reported unreadable") {
  TempDir dir;
  const fs::path file = dir / "live.log";
  write_file(file, std::string(1 << 20, 'a') + kSecret);
  const int fd = ::open(file.c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  const size_t size = (1 << 20) + std::string_view(kSecret).size();
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  REQUIRE(map != MAP_FAILED);
  REQUIRE(::ftruncate(fd, 0) == 0);  // every mapped page is now past the end

  RuleFixture rules(kSecretRule);
  rules::Scanner scanner(rules.get());
  const rules::ScanResult result =
      scanner.scan({static_cast<const std::byte*>(map), size});
  CHECK(result.unreadable);
  CHECK(result.matches.empty());
  CHECK(result.error.empty());

  // The scanner is still usable afterwards.
  const std::string text = std::string("x ") + kSecret;
  const rules::ScanResult again =
      scanner.scan(std::as_bytes(std::span(text.data(), text.size())));
  CHECK_FALSE(again.unreadable);
  CHECK(again.matches.size() == 1);
  ::munmap(map, size);
  ::close(fd);
}
