// vfs_full_audit records to events (see samba_audit.h for the op table).
#include "logs/samba_audit.h"

#include "common/i18n.h"
#include "common/lexer.h"
#include "common/text.h"

namespace mamori::logs {

namespace {

constexpr LogFormat kFormat = kSambaFormat;
constexpr auto kSpanIdle = std::chrono::seconds(60);

struct FullAudit {
  std::string_view prefix;
  std::string_view op;
  bool ok = false;
  std::string_view args;
};

bool is_op_name(std::string_view s) {
  if (s.empty() || s.size() > 40)
    return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '_'))
      return false;
  }
  return true;
}

// Finds OPERATION as the first "|name|ok|" or "|name|fail (" in the
// message: the prefix before it may itself hold "|" and spaces.
std::optional<FullAudit> split_full_audit(std::string_view m) {
  size_t bar = m.find('|');
  while (bar != std::string_view::npos) {
    const std::string_view after = m.substr(bar + 1);
    const bool ok =
        after.substr(0, 2) == "ok" && (after.size() == 2 || after[2] == '|');
    const bool fail = after.substr(0, 6) == "fail (";
    if (ok || fail) {
      const size_t prev =
          bar == 0 ? std::string_view::npos : m.rfind('|', bar - 1);
      const size_t op_start = prev == std::string_view::npos ? 0 : prev + 1;
      const std::string_view op = m.substr(op_start, bar - op_start);
      if (is_op_name(op)) {
        FullAudit rec;
        rec.prefix =
            op_start == 0 ? std::string_view{} : m.substr(0, op_start - 1);
        rec.op = op;
        rec.ok = ok;
        if (ok) {
          rec.args = after.size() > 3 ? after.substr(3) : std::string_view{};
        } else {
          const size_t close = after.find(")|");
          rec.args = close == std::string_view::npos ? std::string_view{}
                                                     : after.substr(close + 2);
        }
        while (!rec.args.empty() &&
               (rec.args.back() == '\n' || rec.args.back() == '\r')) {
          rec.args.remove_suffix(1);
        }
        return rec;
      }
    }
    bar = m.find('|', bar + 1);
  }
  return std::nullopt;
}

// "a|b" at the first "|": the rest is the last field, which may hold "|".
std::pair<std::string_view, std::string_view> cut(std::string_view s) {
  const size_t bar = s.find('|');
  if (bar == std::string_view::npos)
    return {s, {}};
  return {s.substr(0, bar), s.substr(bar + 1)};
}

// An access mask as smbd writes it ("0x12019f"); nullopt past 32 bits.
std::optional<uint32_t> parse_hex(std::string_view s) {
  const auto value = hex_number(s);
  if (!value || *value > UINT32_MAX)
    return std::nullopt;
  return static_cast<uint32_t>(*value);
}

// SMB access mask bits (MS-SMB2 2.2.13.1.1).
constexpr uint32_t kReadData = 0x1, kWriteData = 0x2, kAppendData = 0x4,
                   kExecute = 0x20, kMaximumAllowed = 0x02000000,
                   kGenericAll = 0x10000000, kGenericExecute = 0x20000000,
                   kGenericWrite = 0x40000000, kGenericRead = 0x80000000;

std::optional<Action> action_of_create_file(std::string_view args,
                                            std::string_view* path) {
  auto [mask_text, rest1] = cut(args);
  auto [kind, rest2] = cut(rest1);
  auto [disposition, rest3] = cut(rest2);
  *path = rest3;
  const auto mask = parse_hex(mask_text);
  if (!mask || rest3.empty() || (kind != "file" && kind != "dir")) {
    return std::nullopt;
  }
  const bool creates = disposition == "create" || disposition == "supersede" ||
                       disposition == "overwrite_if";
  if (kind == "dir")
    return creates ? Action::kCreate : Action::kOther;
  if (creates)
    return Action::kCreate;
  if (*mask & (kWriteData | kAppendData | kGenericWrite | kGenericAll)) {
    return Action::kWrite;
  }
  if (disposition == "overwrite")
    return Action::kWrite;
  if (*mask & (kReadData | kExecute | kMaximumAllowed | kGenericRead |
               kGenericExecute)) {
    return Action::kRead;
  }
  return Action::kOther;  // attributes or security only: not content
}

}  // namespace

SambaPrefix::SambaPrefix(std::string_view templ) {
  Part literal;
  for (size_t i = 0; i < templ.size(); ++i) {
    if (templ[i] == '%' && i + 1 < templ.size() && templ[i + 1] != '%') {
      if (!literal.literal.empty())
        parts_.push_back(std::move(literal));
      literal = Part{};
      parts_.push_back(Part{templ[++i], {}});
      continue;
    }
    if (templ[i] == '%')
      ++i;  // "%%" is a literal '%'
    literal.literal += templ[i];
  }
  if (!literal.literal.empty())
    parts_.push_back(std::move(literal));
}

bool SambaPrefix::user_of(std::string_view prefix, std::string* user) const {
  std::string_view u, big_u, domain;
  size_t pos = 0;
  for (size_t i = 0; i < parts_.size(); ++i) {
    const Part& part = parts_[i];
    if (part.variable == 0) {
      if (prefix.substr(pos, part.literal.size()) != part.literal)
        return false;
      pos += part.literal.size();
      continue;
    }
    size_t end = prefix.size();
    if (i + 1 < parts_.size() && parts_[i + 1].variable == 0) {
      end = prefix.find(parts_[i + 1].literal, pos);
      if (end == std::string_view::npos)
        return false;
    }
    const std::string_view value = prefix.substr(pos, end - pos);
    if (part.variable == 'u')
      u = value;
    if (part.variable == 'U')
      big_u = value;
    if (part.variable == 'D')
      domain = value;
    pos = end;
  }
  if (u.empty())
    u = big_u;
  user->clear();
  if (!domain.empty() && !u.empty() && u.find('\\') == std::string_view::npos) {
    user->append(domain).append("\\");
  }
  user->append(u);
  return true;
}

SambaAudit::SambaAudit(ParseContext& ctx)
    : ctx_(ctx), prefix_(ctx.options().samba_prefix) {}

std::string SambaAudit::user_of(std::string_view prefix) const {
  std::string user;
  if (!prefix_.empty() && prefix_.user_of(prefix, &user))
    return user;
  // No template: a "USER=" label wins, else the first field (%u of the
  // default "%u|%I").
  for (size_t eq = prefix.find('='); eq != std::string_view::npos;
       eq = prefix.find('=', eq + 1)) {
    if (eq < 4)
      continue;
    const size_t at = eq - 4;
    const bool word_start =
        at == 0 || !((prefix[at - 1] >= 'a' && prefix[at - 1] <= 'z') ||
                     (prefix[at - 1] >= 'A' && prefix[at - 1] <= 'Z'));
    if (word_start && iequals(prefix.substr(at, 4), "user")) {
      return std::string(trim(cut(prefix.substr(eq + 1)).first));
    }
  }
  return std::string(trim(cut(prefix).first));
}

SambaAudit::Span* SambaAudit::find_span(std::string_view user,
                                        std::string_view path, bool create) {
  const uint64_t h = std::hash<std::string_view>{}(user)*0x9E3779B97F4A7C15ULL ^
                     std::hash<std::string_view>{}(path);
  const uint64_t key = h == 0 ? 1 : h;
  if (spans_.empty()) {
    if (!create)
      return nullptr;
    spans_.resize(kMinSpanSlots);
  }
  const size_t mask = spans_.size() - 1;
  for (size_t i = static_cast<size_t>(key) & mask;; i = (i + 1) & mask) {
    Span& slot = spans_[i];
    if (slot.key == key)
      return &slot;
    if (slot.key == 0)
      break;
  }
  if (!create)
    return nullptr;
  if (spans_used_ >= spans_.size() / 2) {
    if (spans_.size() < kMaxSpanSlots) {
      // Double, and put every span back in its new place.
      std::vector<Span> old(spans_.size() * 2);
      old.swap(spans_);
      for (const Span& span : old) {
        if (span.key != 0)
          insert_span(span.key) = span;
      }
    } else {
      // Full size and half full: forget every span rather than probe long
      // chains.
      std::fill(spans_.begin(), spans_.end(), Span{});
      spans_used_ = 0;
    }
  }
  ++spans_used_;
  Span& slot = insert_span(key);
  slot.key = key;
  return &slot;
}

// The empty slot where `key` goes; the table has one (at most half full).
SambaAudit::Span& SambaAudit::insert_span(uint64_t key) {
  const size_t mask = spans_.size() - 1;
  size_t i = static_cast<size_t>(key) & mask;
  while (spans_[i].key != 0)
    i = (i + 1) & mask;
  return spans_[i];
}

void SambaAudit::emit(Timestamp time, std::string_view host,
                      std::string_view user, Action action,
                      std::string_view path, std::string_view target,
                      uint64_t line, bool deduplicate) {
  if (deduplicate && !failing_) {
    const unsigned bit = 1u << static_cast<unsigned>(action);
    Span* span = find_span(user, path, true);
    const bool recent = time >= span->last && time - span->last < kSpanIdle;
    if ((span->actions & bit) != 0 && recent) {
      span->last = time;
      return;
    }
    if (!recent)
      span->actions = 0;
    span->last = time;
    span->actions |= bit;
    // A new file's content is written by its creator: no write after it.
    if (action == Action::kCreate) {
      span->actions |= 1u << static_cast<unsigned>(Action::kWrite);
    }
  }
  Event event = ctx_.make_event(kFormat, line);
  event.time = time;
  event.host = host;
  event.user = user;
  event.action = action;
  event.path = path;
  event.target = target;
  event.failed = failing_;
  ctx_.emit(std::move(event));
}

void SambaAudit::end_span(std::string_view user, std::string_view path) {
  if (Span* span = find_span(user, path, false))
    span->actions = 0;
}

bool SambaAudit::handle(Timestamp time, std::string_view host,
                        std::string_view message, uint64_t line) {
  const auto rec = split_full_audit(message);
  if (!rec)
    return false;
  // A refused access is not an access: read only when asked for.
  if (!rec->ok && !ctx_.options().include_failed)
    return true;
  failing_ = !rec->ok;
  const std::string_view op = rec->op;
  const std::string user = user_of(rec->prefix);
  auto malformed = [&] {
    ctx_.reject(line, trf("samba {operation} record without its arguments",
                          fmt::arg("operation", op)));
    return true;
  };
  if (op == "openat" || op == "open") {
    auto [mode, path] = cut(rec->args);
    if ((mode != "r" && mode != "w") || path.empty())
      return malformed();
    emit(time, host, user, mode == "w" ? Action::kWrite : Action::kRead, path,
         {}, line, true);
  } else if (op == "create_file") {
    std::string_view path;
    const auto action = action_of_create_file(rec->args, &path);
    if (!action)
      return malformed();
    if (*action != Action::kOther) {
      emit(time, host, user, *action, path, {}, line, true);
    }
  } else if (op.substr(0, 5) == "pread" || op.substr(0, 6) == "pwrite") {
    if (rec->args.empty())
      return malformed();
    emit(time, host, user, op[1] == 'r' ? Action::kRead : Action::kWrite,
         rec->args, {}, line, true);
  } else if (op == "renameat" || op == "rename") {
    // "source|destination": split at the "|" that starts an absolute path.
    const std::string_view args = rec->args;
    size_t bar = args.find("|/");
    if (bar == std::string_view::npos)
      bar = args.find('|');
    if (bar == std::string_view::npos || bar == 0 || bar + 1 == args.size()) {
      return malformed();
    }
    end_span(user, args.substr(0, bar));
    emit(time, host, user, Action::kRename, args.substr(0, bar),
         args.substr(bar + 1), line, false);
  } else if (op == "unlinkat" || op == "unlink") {
    if (rec->args.empty())
      return malformed();
    end_span(user, rec->args);
    emit(time, host, user, Action::kDelete, rec->args, {}, line, false);
  } else if (op == "mkdirat" || op == "mkdir") {
    if (rec->args.empty())
      return malformed();
    emit(time, host, user, Action::kCreate, rec->args, {}, line, false);
  } else if (op == "connect") {
    emit(time, host, user, Action::kConnect, rec->args, {}, line, false);
  } else if (op == "close") {
    end_span(user, rec->args);
  }
  return true;
}

bool SambaAudit::handle_legacy(Timestamp time, std::string_view host,
                               std::string_view m, uint64_t line) {
  while (!m.empty() && is_space(m.back()))
    m.remove_suffix(1);
  failing_ = false;
  auto starts = [&](std::string_view p) { return m.substr(0, p.size()) == p; };
  if (m.find(" failed: ") != std::string_view::npos || m.ends_with("failed:")) {
    return true;  // a refused access is not an access
  }
  if (starts("open ")) {
    const size_t fd = m.find(" (fd ");
    if (fd == std::string_view::npos)
      return false;
    const bool writing = m.find(") for writing", fd) != std::string_view::npos;
    emit(time, host, {}, writing ? Action::kWrite : Action::kRead,
         m.substr(5, fd - 5), {}, line, true);
    return true;
  }
  if (starts("connect to service ")) {
    const size_t by = m.find(" by user ");
    if (by == std::string_view::npos)
      return false;
    emit(time, host, m.substr(by + 9), Action::kConnect, m.substr(19, by - 19),
         {}, line, false);
    return true;
  }
  if (starts("rename ")) {
    const size_t arrow = m.find(" -> ");
    if (arrow == std::string_view::npos)
      return false;
    emit(time, host, {}, Action::kRename, m.substr(7, arrow - 7),
         m.substr(arrow + 4), line, false);
    return true;
  }
  if (starts("unlink ") || starts("mkdir ")) {
    const bool unlink = starts("unlink ");
    emit(time, host, {}, unlink ? Action::kDelete : Action::kCreate,
         m.substr(unlink ? 7 : 6), {}, line, false);
    return true;
  }
  // Other vfs_audit lines (opendir, close fd, chmod, disconnected) carry
  // no file content access.
  return starts("opendir ") || starts("close fd ") || starts("chmod ") ||
         starts("rmdir ") || starts("disconnected") || starts("fchmod ");
}

bool looks_like_samba_record(std::string_view message) {
  return split_full_audit(message).has_value();
}

}  // namespace mamori::logs
