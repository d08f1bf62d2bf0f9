// gettext behind tr() (i18n.h). The catalogue is looked up in
// $MAMORI_LOCALE_DIR, the installed locale directory, then the build's.
// glibc translates only when the message locale is not "C": the built-in
// C.UTF-8 locale with LANGUAGE=ja selects the catalogue without needing a
// Japanese locale to be generated on the machine.
#include "common/i18n.h"

#include "common/diagnostics.h"

#include <atomic>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <libintl.h>

namespace mamori {
namespace {

constexpr const char* kDomain = "mamori";
std::atomic<Language> g_language{Language::kEnglish};

std::string catalogue_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto has = [&](const fs::path& dir) {
    return fs::exists(dir / "ja" / "LC_MESSAGES" / "mamori.mo", ec);
  };
  if (const char* env = std::getenv("MAMORI_LOCALE_DIR"); env && *env)
    return env;
  if (has(MAMORI_INSTALL_LOCALE_DIR))
    return MAMORI_INSTALL_LOCALE_DIR;
  if (has(MAMORI_BUILD_LOCALE_DIR))
    return MAMORI_BUILD_LOCALE_DIR;
  return {};
}

}  // namespace

std::optional<Language> parse_language(std::string_view name) {
  if (name.starts_with("ja"))
    return Language::kJapanese;
  if (name.starts_with("en") || name == "C" || name.starts_with("C.") ||
      name == "POSIX")
    return Language::kEnglish;
  return std::nullopt;
}

Language language_from_environment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (value != nullptr && *value != '\0')
      return parse_language(value).value_or(Language::kEnglish);
  }
  return Language::kEnglish;
}

bool set_language(Language language) {
  if (language == Language::kJapanese) {
    const std::string dir = catalogue_dir();
    if (dir.empty())
      return false;
    ::setenv("LANGUAGE", "ja", 1);
    if (std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr)
      return false;
    ::bindtextdomain(kDomain, dir.c_str());
    ::bind_textdomain_codeset(kDomain, "UTF-8");
    // The C library's own messages (strerror) come in Japanese too, where
    // its catalogue is installed: in UTF-8, not the C locale's ASCII.
    ::bind_textdomain_codeset("libc", "UTF-8");
  }
  g_language = language;
  return true;
}

Language current_language() {
  return g_language;
}

const char* tr(const char* english) {
  if (g_language == Language::kEnglish)
    return english;
  return ::dgettext(kDomain, english);
}

const char* translate_message(fmt::string_view english) {
  if (g_language == Language::kEnglish)
    return nullptr;
  const std::string id(english.data(), english.size());
  const char* translated = ::dgettext(kDomain, id.c_str());
  // dgettext gives back its own argument when it knows no translation.
  return translated == id.c_str() ? nullptr : translated;
}

const char* trn(const char* singular, const char* plural, uint64_t n) {
  if (g_language == Language::kEnglish)
    return n == 1 ? singular : plural;
  return ::dngettext(kDomain, singular, plural, static_cast<unsigned long>(n));
}

}  // namespace mamori
