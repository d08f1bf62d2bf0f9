// Messages for people in Japanese or English (issue 14): GNU gettext
// catalogues, po/<lang>.po compiled to <localedir>/<lang>/LC_MESSAGES/
// mamori.mo by the build. The English text is the message id itself, so
// English needs no catalogue. Messages with values are format strings with
// named arguments ("{user} read {count} files"), so that a translation may
// put them in its own order; nothing is assembled from fragments.
// The JSON Lines, SARIF and CSV field names never change; their titles and
// reasons follow --lang, which the command line sets before any work.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace mamori {

enum class Language { kEnglish, kJapanese };

// "ja", "ja_JP.UTF-8" → Japanese; "en", "C", "POSIX", "en_US" → English.
std::optional<Language> parse_language(std::string_view name);
// What the environment asks for: the first of LC_ALL, LC_MESSAGES and
// LANG that is set and not empty; English when none is.
Language language_from_environment();

// Chooses the language of tr(). Japanese binds the catalogue; false when
// it cannot be found (then English stays).
bool set_language(Language language);
Language current_language();

// Marks a literal for the catalogue where it is stored, not shown (a table
// of help lines): it is translated with tr() when shown.
constexpr const char* N_(const char* english) {
  return english;
}

// The translation of `english`; itself in English or when the catalogue
// lacks it.
const char* tr(const char* english);
// The form for `n` of a message with a plural (Japanese has one form).
const char* trn(const char* singular, const char* plural, uint64_t n);

// tr() then fmt::format with the arguments (named: fmt::arg("user", u)).
template <typename... Args>
std::string trf(const char* english, Args&&... args) {
  return fmt::format(fmt::runtime(tr(english)), std::forward<Args>(args)...);
}
template <typename... Args>
std::string trnf(const char* singular, const char* plural, uint64_t n,
                 Args&&... args) {
  return fmt::format(fmt::runtime(trn(singular, plural, n)),
                     std::forward<Args>(args)...);
}

}  // namespace mamori
