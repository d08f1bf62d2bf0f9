// Tests of lib/detect/destinations.cc: hosts of URLs and shares, and the
// company's own sites from the config, the register and the logs.
#include "detect/destinations.h"

#include <doctest/doctest.h>

using namespace mamori;
using namespace mamori::detect;

TEST_CASE("host_of: URLs, shares and bare domains") {
  CHECK(host_of("https://Contoso.sharepoint.com/sites/rd/a.docx") ==
        "contoso.sharepoint.com");
  CHECK(host_of("//FS01/rd/x") == "fs01");
  CHECK(host_of("dropbox.com") == "dropbox.com");
  CHECK(host_of("https://user@mail.example.com:443/x") == "mail.example.com");
  CHECK(host_of("C:/Users/kato/a.docx").empty());
  CHECK(host_of("/srv/shares/a").empty());
}

TEST_CASE(
    "Destinations: company sites from the config, the register and "
    "the reads of the run; personal ones by list") {
  people::Roster roster;
  EventStore store(roster);
  logs::Event read;
  read.time = *parse_timestamp("2026-03-02T01:00:00Z", Zone::utc());
  read.user = "kato";
  read.action = logs::Action::kDownload;
  read.path = "https://contoso.sharepoint.com/sites/rd/a.docx";
  store.add(read);
  store.finish();
  assets::Register reg;
  assets::Asset asset;
  asset.id = "x";
  std::string error;
  asset.paths.push_back(
      *PathGlob::compile("//fs01.example.corp/rd/**", &error));
  reg.add(asset);
  Settings s;
  s.company_destinations = {"*.example.co.jp"};
  const Destinations d(store, reg, s);
  CHECK(d.of_host("contoso.sharepoint.com") == Destination::kCompany);
  CHECK(d.of_host("fs01.example.corp") == Destination::kCompany);
  CHECK(d.of_host("files.example.co.jp") == Destination::kCompany);
  CHECK(d.of_host("example.co.jp") == Destination::kExternal);
  CHECK(d.of_host("www.dropbox.com") == Destination::kPersonal);
  CHECK(d.of_host("evil-contoso.sharepoint.com") == Destination::kExternal);
  CHECK(d.of_host("partner.example.com") == Destination::kExternal);
}
