// ArchiveMembers: the members of everything libarchive reads, streamed
// under the member size, ratio and expanded limits.
#include "content/archive_members.h"

#include "content_fixtures.h"

using namespace mamori;
using namespace mamori::content;
using namespace mamori::content::testing;

TEST_CASE("ArchiveMembers: a compressed file is named after its container") {
  CHECK(decompressed_name("/m/usb/notes.txt.gz") == "notes.txt");
  CHECK(decompressed_name("b/x.tgz") == "x.tar");
  CHECK(decompressed_name("dump.xz") == "dump");
  CHECK(decompressed_name("photo.jpg") == "data");
  CHECK(decompressed_name(".gz") == "data");
}

