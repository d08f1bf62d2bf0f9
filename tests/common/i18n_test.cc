// Tests of lib/common/i18n.cc: choosing the language, and the Japanese
// catalogue the build compiles from po/ja.po.
#include "common/i18n.h"

#include "common/diagnostics.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace mamori;

namespace {

// Restores English and the environment whatever a test did.
struct EnglishAfter {
  ~EnglishAfter() { set_language(Language::kEnglish); }
};

}  // namespace

TEST_CASE("parse_language: locale names and plain codes") {
  CHECK(parse_language("ja") == Language::kJapanese);
  CHECK(parse_language("ja_JP.UTF-8") == Language::kJapanese);
  CHECK(parse_language("en") == Language::kEnglish);
  CHECK(parse_language("en_US.UTF-8") == Language::kEnglish);
  CHECK(parse_language("C.UTF-8") == Language::kEnglish);
  CHECK(parse_language("POSIX") == Language::kEnglish);
  CHECK_FALSE(parse_language("fr").has_value());
}

TEST_CASE("language_from_environment: LC_ALL, then LC_MESSAGES, then LANG") {
  const auto save = [](const char* name) {
    const char* v = std::getenv(name);
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
  const auto all = save("LC_ALL"), messages = save("LC_MESSAGES"),
             lang = save("LANG");
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::setenv("LANG", "ja_JP.UTF-8", 1);
  CHECK(language_from_environment() == Language::kJapanese);
  ::setenv("LC_MESSAGES", "en_US.UTF-8", 1);
  CHECK(language_from_environment() == Language::kEnglish);
  ::setenv("LC_ALL", "ja_JP.UTF-8", 1);
  CHECK(language_from_environment() == Language::kJapanese);
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::unsetenv("LANG");
  CHECK(language_from_environment() == Language::kEnglish);
  for (const auto& [name, value] :
       {std::pair{"LC_ALL", all}, {"LC_MESSAGES", messages}, {"LANG", lang}}) {
    if (value)
      ::setenv(name, value->c_str(), 1);
  }
}

TEST_CASE("tr: Japanese from the built catalogue, with arguments reordered") {
  EnglishAfter restore;
  CHECK(std::string(tr("critical")) == "critical");
  REQUIRE(set_language(Language::kJapanese));
  CHECK(current_language() == Language::kJapanese);
  CHECK(std::string(tr("critical")) == "重大");
  // The user comes first in both, the duration moves before the count.
  CHECK(trf("{user} read {count} files in {duration}", fmt::arg("user", "佐藤"),
            fmt::arg("count", 320), fmt::arg("duration", "49 分")) ==
        "佐藤 が 49 分 でファイル 320 個を読んだ");
  // One plural form in Japanese.
  CHECK(trnf("{count} finding", "{count} findings", 1, fmt::arg("count", 1)) ==
        "検出 1 件");
  CHECK(trnf("{count} finding", "{count} findings", 7, fmt::arg("count", 7)) ==
        "検出 7 件");
  // A message the catalogue lacks stays English.
  CHECK(std::string(tr("no such message in any catalogue")) ==
        "no such message in any catalogue");
  set_language(Language::kEnglish);
  CHECK(trnf("{count} finding", "{count} findings", 7, fmt::arg("count", 7)) ==
        "7 findings");
}

TEST_CASE(
    "Diagnostics: notices in the catalogue's language, arguments reordered "
    "where the translation says, English otherwise") {
  EnglishAfter restore;
  REQUIRE(set_language(Language::kJapanese));
  Diagnostics diag;
  diag.error_at("unreadable", "a.log", "cannot open: {}", "boom");
  // The translation puts the second argument first ({1} ... {0}).
  diag.warn_in("limit_expanded", {"x.zip"},
               "more than {} expanded from {}; the rest is not examined",
               "8 GiB", "x.zip");
  diag.warn_at("other", "b.log", "a notice no catalogue has: {}", 7);
  set_language(Language::kEnglish);
  diag.error_at("unreadable", "c.log", "cannot open: {}", "boom");
  const std::vector<Notice> notices = diag.sorted();
  REQUIRE(notices.size() == 4);
  // Sorted: the content notice, then by source.
  CHECK(notices[0].message ==
        "x.zip から 8 GiB 以上展開された。残りは調べていない");
  CHECK(notices[1].message == "開けない: boom");
  CHECK(notices[2].message == "a notice no catalogue has: 7");
  CHECK(notices[3].message == "cannot open: boom");
}
