// Compares what the logs and scan paths hold with what the roster, the
// register and the command line assume; each mismatch is a warning notice
// that names what was seen.
#include "pipeline/input_checks.h"

#include "common/file_open.h"
#include "common/glob.h"
#include "common/text.h"
#include "logs/format_detect.h"
#include "logs/log_formats.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace mamori::pipeline {
namespace {

constexpr size_t kMaxUsers = 4096;  // distinct users kept per log
constexpr size_t kMaxForms = 4096;  // distinct path forms kept per run
constexpr size_t kNamed = 3;        // names shown in a notice
constexpr size_t kHeadBytes = 64 << 10;

// Accounts of machines and services, never in a roster of people.
bool is_builtin_account(std::string_view user) {
  if (const size_t slash = user.rfind('\\'); slash != std::string_view::npos)
    user = user.substr(slash + 1);
  if (user.empty() || user.ends_with('$'))
    return true;
  constexpr std::array<std::string_view, 9> kBuiltin = {
      "system", "local service", "network service", "anonymous logon",
      "-",      "4294967295",    "unset",           "root",
      "nobody"};
  return std::any_of(kBuiltin.begin(), kBuiltin.end(),
                     [&](std::string_view b) { return iequals(b, user); });
}

bool is_address(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ':' ||
           (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }) && s.find_first_of(".:") != std::string_view::npos;
}

// The file of a log spec: "auditd:x.log" is "x.log"; `format` (when not
// null) gets the format given, or nothing.
std::string file_of(const std::string& spec, std::string* format) {
  const logs::LogSpec split = logs::split_log_spec(spec);
  if (format != nullptr)
    *format = std::string(split.format.name());
  return std::string(split.file);
}

// The first `bytes` of a file ("" when it cannot be read: reading the log
// itself says why).
std::string read_head(const std::string& file, size_t bytes) {
  return read_evidence_head(file, bytes).value_or(std::string());
}

bool is_packed(std::string_view head) {
  constexpr std::array<std::string_view, 8> kMagic = {
      std::string_view("\x1f\x8b", 2),
      "BZh",
      "\xfd"
      "7zXZ",
      std::string_view("\x28\xb5\x2f\xfd", 4),
      std::string_view("\x04\x22\x4d\x18", 4),
      "PK",
      "ElfFile",
      "7z\xbc\xaf"};
  return std::any_of(kMagic.begin(), kMagic.end(),
                     [&](std::string_view m) { return head.starts_with(m); }) ||
         (head.size() > 262 && head.substr(257, 5) == "ustar");
}

enum class FormKind { kShare, kDrive, kFolder, kUrl };

FormKind kind_of(std::string_view form) {
  if (form.starts_with("//"))
    return FormKind::kShare;
  if (form.size() == 2 && form[1] == ':')
    return FormKind::kDrive;
  if (form.starts_with("/"))
    return FormKind::kFolder;
  return FormKind::kUrl;
}

std::string_view kind_name(FormKind kind) {
  switch (kind) {
    case FormKind::kShare:
      return "share paths (//HOST/SHARE/...)";
    case FormKind::kDrive:
      return "drive paths (C:/...)";
    case FormKind::kFolder:
      return "local paths (/...)";
    case FormKind::kUrl:
      return "URLs";
  }
  return "paths";
}

// "//HOST/SHARE" as its host and share.
std::pair<std::string_view, std::string_view> host_share(std::string_view f) {
  const size_t slash = f.find('/', 2);
  if (slash == std::string_view::npos)
    return {f.substr(2), {}};
  return {f.substr(2, slash - 2), f.substr(slash + 1)};
}

// How far a seen form is from a register form, for "nearest" lists; a
// share of the same name or host counts as near whatever the spelling.
size_t form_distance(std::string_view wanted, std::string_view seen) {
  const std::string a = to_lower(wanted), b = to_lower(seen);
  size_t d = edit_distance(a, b);
  if (kind_of(a) == FormKind::kShare && kind_of(b) == FormKind::kShare) {
    const auto [host_a, share_a] = host_share(a);
    const auto [host_b, share_b] = host_share(b);
    if (share_a == share_b || host_a.substr(0, host_a.find('.')) ==
                                  host_b.substr(0, host_b.find('.')))
      d = std::min<size_t>(d, 1);
  }
  return d;
}

}  // namespace

std::optional<std::string> path_form(std::string_view path, bool glob) {
  size_t end = 0;
  std::string form;
  if (path.size() > 2 && path[0] == '/' && path[1] == '/' && path[2] != '/') {
    const size_t host_end = path.find('/', 2);
    if (host_end == std::string_view::npos || host_end == 2)
      return std::nullopt;
    end = path.find('/', host_end + 1);
    if (end == std::string_view::npos)
      end = path.size();
    if (end == host_end + 1)
      return std::nullopt;
    form.assign(path.substr(0, end));
  } else if (path.size() >= 2 && path[1] == ':' &&
             ((path[0] >= 'A' && path[0] <= 'Z') ||
              (path[0] >= 'a' && path[0] <= 'z'))) {
    end = 2;
    form = {static_cast<char>(path[0] & ~0x20), ':'};
  } else if (path.size() > 1 && path[0] == '/' && path[1] != '/') {
    end = path.find('/', 1);
    if (end == std::string_view::npos)
      return std::nullopt;  // a file at the root: no folder to speak of
    form.assign(path.substr(0, end));
  } else if (const size_t scheme = path.find("://");
             scheme != std::string_view::npos && scheme > 0 && scheme < 10) {
    end = path.find('/', scheme + 3);
    if (end == std::string_view::npos)
      end = path.size();
    form = to_lower(path.substr(0, end));
  } else {
    return std::nullopt;
  }
  if (glob && form.find_first_of("*?[") != std::string::npos)
    return std::nullopt;
  return form;
}

bool same_form(std::string_view register_form, std::string_view seen) {
  const FormKind kind = kind_of(register_form);
  if (kind != kind_of(seen))
    return false;
  switch (kind) {
    case FormKind::kShare: {
      const auto [host_a, share_a] = host_share(register_form);
      const auto [host_b, share_b] = host_share(seen);
      return same_host(host_a, host_b) && iequals(share_a, share_b);
    }
    case FormKind::kDrive:
    case FormKind::kUrl:
      return iequals(register_form, seen);
    case FormKind::kFolder:
      return register_form == seen;
  }
  return false;
}

std::optional<uint64_t> count_plain_lines(const std::string& file) {
  if (file == "-")
    return std::nullopt;
  const UniqueFd fd(open_evidence(file, 0));
  if (fd.get() < 0)
    return std::nullopt;
  std::string block(kHeadBytes, '\0');
  uint64_t lines = 0;
  bool first = true;
  char last = '\n';
  while (true) {
    const ssize_t n = read_fully(fd.get(), block.data(), block.size());
    if (n < 0)
      return std::nullopt;
    const auto got = static_cast<size_t>(n);
    if (got == 0)
      break;
    const std::string_view data(block.data(), got);
    if (first && is_packed(data))
      return std::nullopt;
    first = false;
    lines += static_cast<uint64_t>(std::count(data.begin(), data.end(), '\n'));
    last = data.back();
  }
  return lines + (last != '\n' ? 1 : 0);
}

LogChecks::LogChecks(const people::Roster& roster, bool roster_given,
                     const logs::ReadOptions& options, Diagnostics& diag)
    : roster_(roster),
      roster_given_(roster_given),
      options_(options),
      diag_(diag) {}

void LogChecks::event(const logs::Event& e) {
  formats_.insert(e.format.name());
  if (!e.record)
    last_line_ = std::max(last_line_, e.line);
  if (roster_given_ && !e.user.empty() && e.user != last_user_) {
    last_user_ = e.user;
    if (users_.size() < kMaxUsers)
      users_.insert(e.user);
  }
  const std::string_view folder =
      std::string_view(e.path).substr(0, e.path.rfind('/') + 1);
  if (roster_given_ && e.format == "samba" && folder != last_folder_ &&
      shares_.size() < kMaxUsers) {
    // The share is somewhere in a Samba path: "/srv/shares/rd/x".
    last_folder_.assign(folder);
    std::string_view rest = folder;
    for (int level = 0; level < 4 && !rest.empty(); ++level) {
      const size_t start = rest.find_first_not_of('/');
      if (start == std::string_view::npos)
        break;
      rest = rest.substr(start);
      const size_t end = rest.find('/');
      if (end == std::string_view::npos)
        break;  // the file's own name
      shares_.insert(to_lower(rest.substr(0, end)));
      rest = rest.substr(end);
    }
  }
  if (e.path.empty() || (!last_form_.empty() && e.path.starts_with(last_form_)))
    return;
  if (auto form = path_form(e.path, false)) {
    last_form_ = *form + "/";
    if (kind_of(*form) == FormKind::kShare && shares_.size() < kMaxUsers)
      shares_.insert(to_lower(host_share(*form).second));
    if (forms_.size() < kMaxForms || forms_.count(*form) != 0)
      ++forms_[*form];
  }
}

void LogChecks::log_done(const std::vector<std::string>& specs,
                         const logs::ReadStats& stats) {
  check_rejected(specs, stats);
  check_users(specs);
  users_.clear();
  shares_.clear();
  formats_.clear();
  last_line_ = 0;
  last_user_.clear();
  last_form_.clear();
  last_folder_.clear();
}

void LogChecks::check_rejected(const std::vector<std::string>& specs,
                               const logs::ReadStats& stats) {
  if (stats.lines_rejected == 0 || specs.empty())
    return;
  // Lines read: counted in plain files; else at least the last line that
  // gave an event and every line counted.
  const uint64_t counted =
      stats.events + stats.lines_rejected + stats.records_skipped;
  uint64_t lines = std::max(counted, last_line_);
  if (stats.lines_rejected * 2 <= lines)
    return;
  uint64_t exact = 0;
  bool plain = true;
  for (const std::string& spec : specs) {
    const auto n = count_plain_lines(file_of(spec, nullptr));
    if (!n) {
      plain = false;
      break;
    }
    exact += *n;
  }
  if (plain && exact >= stats.lines_rejected)
    lines = exact;
  if (stats.lines_rejected * 2 <= lines)
    return;

  std::string forced;
  const std::string file = file_of(specs.back(), &forced);
  std::string hint;
  if (!forced.empty()) {
    // Only the head of a plain file tells: not standard input, not packed.
    const std::string head =
        file == "-" ? std::string() : read_head(file, kHeadBytes);
    const std::string_view seen =
        is_packed(head) ? std::string_view()
                        : logs::detect_format(head, options_).name();
    if (!seen.empty() && seen != forced) {
      hint = fmt::format(
          "the content looks like `{}`, not `{}`: give it as `{}:{}` or "
          "without a format",
          seen, forced, seen, escape_for_display(file));
    } else {
      hint = fmt::format("is `{}` the format of this log?", forced);
    }
  } else {
    hint = "the log is damaged or in a layout mamori does not know";
  }
  diag_.warn_at("log_mostly_rejected", escape_for_display(file),
                "{} of {} {} rejected, so the log was hardly read: {}",
                stats.lines_rejected, lines, lines == 1 ? "line" : "lines",
                hint);
}

void LogChecks::check_users(const std::vector<std::string>& specs) {
  if (!roster_given_ || users_.empty() || specs.empty())
    return;
  std::vector<std::string> unknown;
  size_t people = 0;
  for (const std::string& user : users_) {
    if (is_builtin_account(user))
      continue;
    ++people;
    if (roster_.resolve(user) == nullptr)
      unknown.push_back(user);
  }
  if (people == 0 || unknown.size() * 2 <= people)
    return;
  // Samba: a prefix in another order puts the share or the client address
  // where the user should be.
  const bool samba = formats_.count("samba") != 0;
  const size_t share_like = static_cast<size_t>(
      std::count_if(unknown.begin(), unknown.end(), [&](const auto& u) {
        return is_address(u) || shares_.count(to_lower(u)) != 0;
      }));
  std::vector<std::string> named;
  for (size_t i = 0; i < unknown.size() && i < kNamed; ++i)
    named.push_back(fmt::format("`{}`", escape_for_display(unknown[i])));
  if (unknown.size() > kNamed)
    named.push_back("…");
  std::string hint =
      "their findings carry no roster context: add them, or their log names "
      "as `aliases`";
  if (samba && share_like * 2 > unknown.size()) {
    hint = options_.samba_prefix.empty()
               ? std::string(
                     "they look like share names or addresses: set "
                     "`samba_prefix` in the config to vfs_full_audit's "
                     "`prefix` in smb.conf (the user is where `%u` is)")
               : fmt::format(
                     "they look like share names or addresses: is "
                     "`samba_prefix` (`{}`) in the order of vfs_full_audit's "
                     "`prefix` in smb.conf? (the user is where `%u` is)",
                     escape_for_display(options_.samba_prefix));
  }
  std::string forced;
  const std::string file = file_of(specs.back(), &forced);
  diag_.warn_at("users_not_in_roster", escape_for_display(file),
                "{} of {} users of this log are not in the roster ({}): {}",
                unknown.size(), people, fmt::join(named, ", "), hint);
}

void LogChecks::check_register(const assets::Register& reg) {
  if (reg.empty() || forms_.empty())
    return;
  const auto seen = [&](std::string_view form) {
    return std::any_of(forms_.begin(), forms_.end(),
                       [&](const auto& f) { return same_form(form, f.first); });
  };
  // The forms of assets none of whose paths is seen, each once, at the
  // first asset that uses it: an asset listed under both "/srv/..." and
  // "//fs01/..." is fine when either form is in the logs.
  std::vector<std::pair<std::string, int>> wanted;
  for (const assets::Asset& asset : reg.assets()) {
    std::vector<std::string> forms;
    bool any_seen = false;
    for (const PathGlob& glob : asset.paths) {
      if (auto form = path_form(glob.pattern(), true)) {
        any_seen = any_seen || seen(*form);
        forms.push_back(std::move(*form));
      }
    }
    if (any_seen)
      continue;
    for (std::string& form : forms) {
      const bool listed =
          std::any_of(wanted.begin(), wanted.end(),
                      [&](const auto& w) { return iequals(w.first, form); });
      if (!listed)
        wanted.emplace_back(std::move(form), asset.line);
    }
  }
  for (const auto& [form, line] : wanted) {
    const FormKind kind = kind_of(form);
    const bool kind_seen =
        std::any_of(forms_.begin(), forms_.end(),
                    [&](const auto& f) { return kind_of(f.first) == kind; });
    // Forms of the same kind first, then by distance.
    std::vector<std::tuple<bool, size_t, std::string>> nearest;
    for (const auto& [seen_form, count] : forms_) {
      nearest.emplace_back(kind_of(seen_form) != kind,
                           form_distance(form, seen_form), seen_form);
    }
    std::sort(nearest.begin(), nearest.end());
    // Same kind of path: only a near miss is worth a word; the logs may
    // simply not cover that place.
    if (kind_seen && (nearest.empty() || std::get<1>(nearest.front()) > 1))
      continue;
    std::vector<std::string> named;
    for (size_t i = 0; i < nearest.size() && i < kNamed; ++i)
      named.push_back(
          fmt::format("`{}`", escape_for_display(std::get<2>(nearest[i]))));
    const std::string why =
        kind_seen ? std::string("no event path is on it")
                  : fmt::format("the logs hold no {}", kind_name(kind));
    diag_.warn_at("register_path_unseen",
                  fmt::format("{}:{}", reg.file().string(), line),
                  "register paths under `{}` can match no event of the logs "
                  "({}); the nearest forms seen: {}",
                  escape_for_display(form), why, fmt::join(named, ", "));
  }
}

void check_paths_for_logs(const std::vector<std::filesystem::path>& paths,
                          const logs::ReadOptions& options, Diagnostics& diag) {
  for (const std::filesystem::path& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      continue;
    const std::string head = read_head(path.string(), kHeadBytes);
    const std::string_view format = logs::detect_format(head, options).name();
    // csv and jsonl are only recognised with a column mapping; content of
    // those shapes is ordinary data too often to say more.
    if (format.empty() || format == "csv" || format == "jsonl")
      continue;
    diag.warn_in("log_given_as_path", {path.string()},
                 "this looks like a {} log, scanned as content only: give it "
                 "with `--log {}` to read its events",
                 format, escape_for_display(path.string()));
  }
}

}  // namespace mamori::pipeline
