// Tests of lib/detect/removable.cc: a write is on removable media when it
// lies under a point a device event of the same host mounted before it,
// under a configured removable root, or when the event says so itself.
#include "detect/removable.h"

#include "detect_world.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;
using namespace mamori::detect::testing;
using logs::Action;

namespace {

// The target of every access of the run, by path.
std::map<std::string, std::optional<RemovableTarget>> targets(World& w) {
  w.store->finish();
  RemovableMedia media(*w.store, w.settings);
  std::map<std::string, std::optional<RemovableTarget>> out;
  for (const FileAccess& a : w.store->accesses())
    out[w.store->str(a.path)] = media.target_of(a);
  return out;
}

}  // namespace

TEST_CASE("RemovableMedia: writes under a mount point, after the mount") {
  World w;
  w.mount("SER1", "/mnt/usb/", march(2, 1));
  w.add("sato", Action::kWrite, "/mnt/usb/early.dwg", march(2, 0, 30));
  w.add("sato", Action::kWrite, "/mnt/usb/a.dwg", march(2, 2));
  w.add("sato", Action::kCreate, "/mnt/usb/sub/b.dwg", march(2, 2));
  w.add("sato", Action::kRead, "/mnt/usb/c.dwg", march(2, 3));
  w.add("sato", Action::kWrite, "/mnt/usbstick/d.dwg", march(2, 3));
  auto t = targets(w);
  REQUIRE(t["/mnt/usb/a.dwg"]);
  CHECK(t["/mnt/usb/a.dwg"]->root == "/mnt/usb");  // trailing slash dropped
  REQUIRE(t["/mnt/usb/a.dwg"]->device);
  CHECK(t["/mnt/usb/a.dwg"]->device->serial == "SER1");
  CHECK(t["/mnt/usb/sub/b.dwg"]);
  CHECK_FALSE(t["/mnt/usb/early.dwg"]);   // written before the mount
  CHECK_FALSE(t["/mnt/usb/c.dwg"]);       // a read is no write
  CHECK_FALSE(t["/mnt/usbstick/d.dwg"]);  // a longer name, not under it
}

TEST_CASE("RemovableMedia: a drive letter counts on its own host only") {
  World w;
  logs::Event mount = w.event("", Action::kDeviceAttach, "", march(2, 1));
  mount.format = "evtx";
  mount.device = {"0781", "5581", "SER2", "", "usb"};
  mount.mount = "E:";
  w.store->add(mount);
  w.add("sato", Action::kWrite, "e:/backup/x.dwg", march(2, 2));
  logs::Event elsewhere =
      w.event("sato", Action::kWrite, "E:/backup/y.dwg", march(2, 2));
  elsewhere.host = "ws02";
  w.store->add(elsewhere);
  auto t = targets(w);
  REQUIRE(t["e:/backup/x.dwg"]);  // drive paths ignore case
  CHECK(t["e:/backup/x.dwg"]->root == "E:");
  CHECK_FALSE(t["E:/backup/y.dwg"]);
}

TEST_CASE("RemovableMedia: configured roots, and events that say so") {
  World w;
  w.settings.removable_roots = {"/media/**", "/Volumes/STICK/**"};
  w.add("sato", Action::kWrite, "/media/sato/KINGSTON/a.dwg", march(2, 2));
  w.add("sato", Action::kWrite, "/Volumes/STICK/b.dwg", march(2, 2));
  w.add("sato", Action::kWrite, "/home/sato/c.dwg", march(2, 2));
  w.add("sato", Action::kCopyRemovable, "C:/Users/sato/d.dwg", march(2, 2));
  auto t = targets(w);
  REQUIRE(t["/media/sato/KINGSTON/a.dwg"]);
  CHECK(t["/media/sato/KINGSTON/a.dwg"]->root == "/media/**");
  CHECK_FALSE(t["/media/sato/KINGSTON/a.dwg"]->device);
  REQUIRE(t["/Volumes/STICK/b.dwg"]);
  CHECK(t["/Volumes/STICK/b.dwg"]->root == "/Volumes/STICK/**");
  CHECK_FALSE(t["/home/sato/c.dwg"]);
  REQUIRE(t["C:/Users/sato/d.dwg"]);  // M365 FileCopiedToRemovableMedia
  CHECK(t["C:/Users/sato/d.dwg"]->root.empty());
}

TEST_CASE("device_label: as much of the device as is known") {
  CHECK(
      device_label({"0951", "1666", "60A4", "Kingston DataTraveler", "usb"}) ==
      "0951:1666 \"Kingston DataTraveler\" serial 60A4");
  CHECK(device_label({"", "", "60A4", "", ""}) == "serial 60A4");
  CHECK(device_label({"0951", "1666", "", "", "usb"}) == "0951:1666");
  CHECK(device_label({}).empty());
}
