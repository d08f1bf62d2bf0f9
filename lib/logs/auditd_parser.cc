// Audit record parsing, grouping by serial and syscall-to-action mapping.
#include "logs/auditd_parser.h"

#include "common/lexer.h"
#include "common/text.h"
#include "logs/local_clock.h"

#include <charconv>
#include <string>
#include <vector>

namespace mamori::logs {

namespace {

constexpr LogFormat kFormat = kAuditdFormat;
constexpr uint64_t kGroupIdleRecords = 64;
constexpr size_t kMaxOpenGroups = 4096;

enum class RecordType { kSyscall, kCwd, kPath, kEoe, kOther };

struct PathItem {
  std::string name;
  std::string nametype;
};

struct Group {
  std::string key;  // node '|' the msg=audit(...) text
  // The log of the first record: a group may run on into the next file of
  // a rotation series.
  std::shared_ptr<const std::string> file;
  uint64_t first_line = 0;
  uint64_t last_record = 0;  // the parser's record count when last extended
  uint64_t records = 0;
  bool ended = false;  // its EOE record was read
  Timestamp time{};
  std::string node;
  bool has_syscall = false;
  uint64_t syscall_line = 0;
  std::string arch;
  std::string syscall;  // number or name
  bool success = true;
  std::string a1, a2;
  std::string auid, uid, auid_name, uid_name;
  std::string exe, comm;
  std::string cwd;
  std::vector<PathItem> paths;

  void reset() {
    key.clear();
    file.reset();
    records = 0;
    ended = false;
    node.clear();
    has_syscall = false;
    success = true;
    arch.clear();
    syscall.clear();
    a1.clear();
    a2.clear();
    auid.clear();
    uid.clear();
    auid_name.clear();
    uid_name.clear();
    exe.clear();
    comm.clear();
    cwd.clear();
    paths.clear();
  }
};

bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (is_digit(c))
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return c - 'A' + 10;
}

// An untrusted-string field: "quoted", (null)/(none), or hex when the
// kernel had to encode it. `interpreted` (ausearch -i) values are as is.
void decode_value(std::string_view raw, bool interpreted, std::string* out) {
  out->clear();
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
    out->assign(raw.substr(1, raw.size() - 2));
    return;
  }
  if (raw == "(null)" || raw == "(none)" || raw == "?")
    return;
  if (!interpreted && raw.size() % 2 == 0 && !raw.empty()) {
    bool hex = true;
    for (char c : raw)
      hex = hex && is_hex_digit(c);
    if (hex) {
      out->reserve(raw.size() / 2);
      for (size_t i = 0; i < raw.size(); i += 2) {
        out->push_back(
            static_cast<char>(hex_value(raw[i]) * 16 + hex_value(raw[i + 1])));
      }
      return;
    }
  }
  out->assign(raw);
}

// Calls fn(key, raw value) for every key=value of a record body. Quoted
// values may hold spaces; a nested msg='...' is one value.
template <typename Fn>
void for_each_field(std::string_view body, Fn&& fn) {
  size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && body[i] == ' ')
      ++i;
    const size_t eq = body.find('=', i);
    if (eq == std::string_view::npos)
      return;
    const std::string_view key = body.substr(i, eq - i);
    size_t end = eq + 1;
    if (end < body.size() && (body[end] == '"' || body[end] == '\'')) {
      const size_t close = body.find(body[end], end + 1);
      end = close == std::string_view::npos ? body.size() : close + 1;
    } else {
      end = body.find(' ', end);
      if (end == std::string_view::npos)
        end = body.size();
    }
    if (key.find(' ') == std::string_view::npos) {
      fn(key, body.substr(eq + 1, end - eq - 1));
    }
    i = end;
  }
}

std::optional<uint64_t> parse_uint(std::string_view s, int base = 10) {
  if (base == 16 && (s.substr(0, 2) == "0x" || s.substr(0, 2) == "0X")) {
    s.remove_prefix(2);
  }
  uint64_t v = 0;
  const auto [end, ec] =
      std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size())
    return std::nullopt;
  return v;
}

struct SyscallEntry {
  int number;
  std::string_view name;
};

// The file syscalls per architecture (arch= of SYSCALL records).
constexpr SyscallEntry kX86_64[] = {
    {2, "open"},       {85, "creat"},     {82, "rename"},    {87, "unlink"},
    {257, "openat"},   {263, "unlinkat"}, {264, "renameat"}, {316, "renameat2"},
    {83, "mkdir"},     {258, "mkdirat"},  {84, "rmdir"},     {76, "truncate"},
    {77, "ftruncate"}, {437, "openat2"}};
constexpr SyscallEntry kAarch64[] = {
    {56, "openat"},  {35, "unlinkat"}, {38, "renameat"},  {276, "renameat2"},
    {34, "mkdirat"}, {45, "truncate"}, {46, "ftruncate"}, {437, "openat2"}};
constexpr SyscallEntry kI386[] = {
    {5, "open"},       {8, "creat"},      {38, "rename"},    {10, "unlink"},
    {295, "openat"},   {301, "unlinkat"}, {302, "renameat"}, {353, "renameat2"},
    {39, "mkdir"},     {296, "mkdirat"},  {40, "rmdir"},     {92, "truncate"},
    {93, "ftruncate"}, {437, "openat2"}};

std::string_view syscall_name(std::string_view arch, std::string_view syscall) {
  const auto number = parse_uint(syscall);
  if (!number)
    return syscall;  // already a name (ENRICHED, ausearch -i)
  auto find = [&](const auto& table) -> std::string_view {
    for (const auto& e : table) {
      if (static_cast<uint64_t>(e.number) == *number)
        return e.name;
    }
    return {};
  };
  if (arch == "c000003e" || arch == "x86_64")
    return find(kX86_64);
  if (arch == "c00000b7" || arch == "aarch64")
    return find(kAarch64);
  if (arch == "40000003" || arch == "i386" || arch == "i686")
    return find(kI386);
  return {};
}

// Open flags: hex from RAW, "O_WRONLY|O_CREAT" from ausearch -i.
struct OpenFlags {
  bool known = false;
  bool write = false;
};

OpenFlags open_flags(std::string_view text) {
  OpenFlags f;
  if (text.empty())
    return f;
  if (text.find("O_") != std::string_view::npos) {
    f.known = true;
    f.write = text.find("O_WRONLY") != std::string_view::npos ||
              text.find("O_RDWR") != std::string_view::npos ||
              text.find("O_TRUNC") != std::string_view::npos;
    return f;
  }
  if (const auto v = parse_uint(text, 16)) {
    f.known = true;
    f.write = (*v & 3) != 0 || (*v & 0x200) != 0;  // O_ACCMODE, O_TRUNC
  }
  return f;
}

std::string join_path(std::string_view dir, std::string_view name) {
  while (name.substr(0, 2) == "./")
    name.remove_prefix(2);
  std::string out(dir);
  if (out.empty() || out.back() != '/')
    out += '/';
  out.append(name);
  return out;
}

class AuditdParser : public LineParser {
 public:
  explicit AuditdParser(ParseContext& ctx)
      : ctx_(ctx), clock_(ctx.zone(), ctx.file_time()) {}

  bool joins_files() const override { return true; }

  void parse_line(std::string_view line, uint64_t line_no) override {
    flush_idle(++record_count_);
    std::string_view s = trim(line);
    if (s.empty() || s == "----" || s.substr(0, 6) == "time->")
      return;
    std::string_view node;
    if (s.substr(0, 5) == "node=") {
      const size_t space = s.find(' ');
      if (space == std::string_view::npos)
        return reject(line_no);
      node = s.substr(5, space - 5);
      s = s.substr(space + 1);
    }
    if (s.substr(0, 5) != "type=")
      return reject(line_no);
    const size_t space = s.find(' ');
    if (space == std::string_view::npos)
      return reject(line_no);
    const std::string_view type_name = s.substr(5, space - 5);
    s = s.substr(space + 1);
    const RecordType type = type_name == "SYSCALL" ? RecordType::kSyscall
                            : type_name == "CWD"   ? RecordType::kCwd
                            : type_name == "PATH"  ? RecordType::kPath
                            : type_name == "EOE"   ? RecordType::kEoe
                                                   : RecordType::kOther;
    // Logins, AVCs, PROCTITLE, even "type=UNKNOWN[1329] msg=?": valid
    // records that name no file.
    if (type == RecordType::kOther)
      return;
    if (s.substr(0, 10) != "msg=audit(")
      return reject(line_no);
    const size_t close = s.find(')');
    if (close == std::string_view::npos)
      return reject(line_no);
    const std::string_view stamp = s.substr(10, close - 10);
    std::string_view body = s.substr(close + 1);
    if (body.substr(0, 3) == " : ") {
      body.remove_prefix(3);
    } else if (!body.empty() && body[0] == ':') {
      body.remove_prefix(1);
    }

    bool interpreted = false;
    Timestamp time{};
    if (!parse_stamp(stamp, &time, &interpreted)) {
      ctx_.reject(line_no, "auditd record with an unreadable msg=audit() time");
      return;
    }
    std::string_view enriched;
    if (const size_t gs = body.find('\x1d'); gs != std::string_view::npos) {
      enriched = body.substr(gs + 1);
      body = body.substr(0, gs);
    }
    Group& g = group_for(node, stamp, line_no);
    g.time = time;
    g.last_record = record_count_;
    ++g.records;
    switch (type) {
      case RecordType::kSyscall:
        read_syscall(g, body, enriched, interpreted, line_no);
        break;
      case RecordType::kCwd:
        if (interpreted) {
          // ausearch -i drops the quotes: the folder is the rest of the line.
          const size_t at = body.find("cwd=");
          if (at != std::string_view::npos)
            g.cwd.assign(trim(body.substr(at + 4)));
          break;
        }
        for_each_field(body, [&](std::string_view k, std::string_view v) {
          if (k == "cwd")
            decode_value(v, interpreted, &g.cwd);
        });
        break;
      case RecordType::kPath:
        read_path(g, body, interpreted);
        break;
      case RecordType::kEoe:
        g.ended = true;
        close_group(find_index(g));
        break;
      case RecordType::kOther:
        break;
    }
  }

  // The end of the data. Groups still open may have lost their last
  // records to the end of the log (in the next file of its rotation).
  void finish() override {
    while (!open_.empty())
      close_group(0, /*at_end=*/true);
  }

 private:
  void reject(uint64_t line_no) {
    ctx_.reject(line_no, "not an audit record (type=... msg=audit(...))");
  }

  // "1691714604.324:6628017", or ausearch -i's local
  // "08/23/2019 14:58:37.791:977" / "08/25/25 16:28:18.107:985".
  bool parse_stamp(std::string_view stamp, Timestamp* time, bool* interpreted) {
    const size_t colon = stamp.rfind(':');
    if (colon == std::string_view::npos)
      return false;
    const std::string_view t = stamp.substr(0, colon);
    if (t.size() > 2 && t[2] == '/') {
      *interpreted = true;
      // MM/DD/YYYY or MM/DD/YY, a space, HH:MM:SS.mmm
      const size_t space = t.find(' ');
      if (space == std::string_view::npos || space < 8)
        return false;
      const auto month = parse_uint(t.substr(0, 2));
      const auto day = parse_uint(t.substr(3, 2));
      auto year = parse_uint(t.substr(6, space - 6));
      const auto tod = parse_clock_time(t.substr(space + 1));
      if (!month || !day || !year || !tod)
        return false;
      if (space - 6 == 2)
        *year += 2000;
      auto local =
          clock_.from_local(static_cast<int>(*year), static_cast<int>(*month),
                            static_cast<int>(*day), tod->micros_of_day);
      if (!local)
        return false;
      *time = *local;
      return true;
    }
    const size_t dot = t.find('.');
    const auto secs = parse_uint(t.substr(0, dot));
    if (!secs || *secs > static_cast<uint64_t>(kMaxEpochSeconds))
      return false;
    int64_t micros = 0;
    if (dot != std::string_view::npos) {
      const std::string_view frac = t.substr(dot + 1);
      if (frac.empty() || frac.size() > 6)
        return false;
      const auto f = parse_uint(frac);
      if (!f)
        return false;
      micros = static_cast<int64_t>(*f);
      for (size_t i = frac.size(); i < 6; ++i)
        micros *= 10;
    }
    *time = Timestamp(std::chrono::seconds(static_cast<int64_t>(*secs)) +
                      std::chrono::microseconds(micros));
    return true;
  }

  Group& group_for(std::string_view node, std::string_view stamp,
                   uint64_t line_no) {
    key_.assign(node).append(1, '|').append(stamp);
    for (auto& g : open_) {
      if (g->key == key_)
        return *g;
    }
    if (open_.size() >= kMaxOpenGroups)
      close_group(0);
    std::unique_ptr<Group> g;
    if (!spare_.empty()) {
      g = std::move(spare_.back());
      spare_.pop_back();
      g->reset();
    } else {
      g = std::make_unique<Group>();
    }
    g->key = key_;
    g->node.assign(node);
    g->file = ctx_.file();
    g->first_line = line_no;
    open_.push_back(std::move(g));
    return *open_.back();
  }

  size_t find_index(const Group& g) const {
    for (size_t i = 0; i < open_.size(); ++i) {
      if (open_[i].get() == &g)
        return i;
    }
    return 0;
  }

  void flush_idle(uint64_t record) {
    while (!open_.empty() &&
           open_.front()->last_record + kGroupIdleRecords < record) {
      close_group(0);
    }
  }

  void read_syscall(Group& g, std::string_view body, std::string_view enriched,
                    bool interpreted, uint64_t line_no) {
    g.has_syscall = true;
    g.syscall_line = line_no;
    for_each_field(body, [&](std::string_view k, std::string_view v) {
      if (k == "arch") {
        g.arch.assign(v);
      } else if (k == "syscall") {
        g.syscall.assign(v);
      } else if (k == "success") {
        g.success = v != "no";
      } else if (k == "a1") {
        g.a1.assign(v);
      } else if (k == "a2") {
        g.a2.assign(v);
      } else if (k == "auid") {
        g.auid.assign(v);
      } else if (k == "uid") {
        g.uid.assign(v);
      } else if (k == "exe") {
        decode_value(v, interpreted, &g.exe);
      } else if (k == "comm") {
        decode_value(v, interpreted, &g.comm);
      }
    });
    for_each_field(enriched, [&](std::string_view k, std::string_view v) {
      if (k == "AUID")
        decode_value(v, true, &g.auid_name);
      if (k == "UID")
        decode_value(v, true, &g.uid_name);
      if (k == "SYSCALL")
        g.syscall.assign(v);
      if (k == "ARCH")
        g.arch.assign(v);
    });
  }

  void read_path(Group& g, std::string_view body, bool interpreted) {
    PathItem item;
    for_each_field(body, [&](std::string_view k, std::string_view v) {
      if (k == "name")
        decode_value(v, interpreted, &item.name);
      if (k == "nametype" || k == "objtype")
        item.nametype.assign(v);
    });
    // ausearch -i drops the quotes, so a name with spaces runs on to the
    // next field, which is always inode= when the object exists.
    if (interpreted) {
      const size_t at = body.find(" name=");
      const size_t inode =
          body.find(" inode=", at == std::string_view::npos ? 0 : at);
      if (at != std::string_view::npos && inode != std::string_view::npos) {
        item.name.assign(body.substr(at + 6, inode - at - 6));
      }
    }
    g.paths.push_back(std::move(item));
  }

  // The item the call acted on: the first of `types`, else the last
  // non-PARENT item with a name.
  const PathItem* pick(const Group& g,
                       std::initializer_list<std::string_view> types) const {
    for (std::string_view type : types) {
      for (const auto& p : g.paths) {
        if (p.nametype == type && !p.name.empty())
          return &p;
      }
    }
    for (auto it = g.paths.rbegin(); it != g.paths.rend(); ++it) {
      if (it->nametype != "PARENT" && !it->name.empty())
        return &*it;
    }
    return nullptr;
  }

  std::string full_path(const Group& g, const std::string& name) const {
    if (name.empty() || name[0] == '/')
      return name;
    if (!g.cwd.empty())
      return join_path(g.cwd, name);
    for (const auto& p : g.paths) {
      if (p.nametype == "PARENT" && !p.name.empty() && p.name[0] == '/') {
        return join_path(p.name, name);
      }
    }
    return name;
  }

  std::string user_of(const Group& g) const {
    const bool auid_set = !g.auid.empty() && g.auid != "4294967295" &&
                          g.auid != "-1" && g.auid != "unset";
    if (auid_set)
      return !g.auid_name.empty() ? g.auid_name : g.auid;
    return !g.uid_name.empty() ? g.uid_name : g.uid;
  }

  void close_group(size_t index, bool at_end = false) {
    std::unique_ptr<Group> g = std::move(open_[index]);
    open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(index));
    emit_group(*g, at_end);
    if (spare_.size() < 16)
      spare_.push_back(std::move(g));
  }

  // A group of file records whose SYSCALL is not in the data began before
  // the log did; one cut short by the end of the data, after it. Either
  // way the event cannot be named, and the lines are reported as rejected
  // (reading the rotation series together joins such halves).
  void emit_group(const Group& g, bool at_end) {
    if (!g.has_syscall) {
      if (!g.paths.empty() || !g.cwd.empty()) {
        ctx_.reject_range(g.file, g.first_line, g.records,
                          "audit event without its SYSCALL record: it "
                          "began before this log (give the previous "
                          "rotation too)");
      }
      return;
    }
    if (!g.success && !ctx_.options().include_failed)
      return;
    const std::string_view name = syscall_name(g.arch, g.syscall);
    if (name.empty())
      return;
    Action action = Action::kOther;
    const PathItem* item = nullptr;
    const PathItem* target = nullptr;
    if (name == "open" || name == "openat" || name == "openat2") {
      item = pick(g, {"CREATE", "NORMAL"});
      const OpenFlags flags = open_flags(name == "open" ? g.a1 : g.a2);
      if (item != nullptr && item->nametype == "CREATE") {
        action = Action::kCreate;
      } else {
        action = flags.known && flags.write ? Action::kWrite : Action::kRead;
      }
    } else if (name == "creat" || name == "mkdir" || name == "mkdirat") {
      item = pick(g, {"CREATE"});
      action = Action::kCreate;
    } else if (name == "truncate" || name == "ftruncate") {
      item = pick(g, {"NORMAL"});
      action = Action::kWrite;
    } else if (name == "unlink" || name == "unlinkat" || name == "rmdir") {
      item = pick(g, {"DELETE"});
      action = Action::kDelete;
    } else if (name.substr(0, 6) == "rename") {
      action = Action::kRename;
      for (const auto& p : g.paths) {
        if (p.nametype == "DELETE" && item == nullptr)
          item = &p;
        if (p.nametype == "CREATE" && target == nullptr)
          target = &p;
      }
      if (item == nullptr || target == nullptr) {
        // No nametypes (old kernels): the two non-PARENT items in order.
        std::vector<const PathItem*> named;
        for (const auto& p : g.paths) {
          if (p.nametype != "PARENT" && !p.name.empty())
            named.push_back(&p);
        }
        if (named.size() >= 2) {
          item = named[named.size() - 2];
          target = named.back();
        }
      }
    } else {
      return;
    }
    if (item == nullptr) {
      if (at_end && !g.ended) {
        ctx_.reject_range(g.file, g.first_line, g.records,
                          "audit event cut off by the end of the log: its "
                          "PATH records are missing (give the next "
                          "rotation too)");
      }
      return;  // no PATH record: nothing to name
    }
    Event event = ctx_.make_event(
        kFormat, g.syscall_line != 0 ? g.syscall_line : g.first_line);
    event.file = g.file;
    event.time = g.time;
    event.host = g.node;
    event.user = user_of(g);
    event.action = action;
    event.path = full_path(g, item->name);
    if (target != nullptr)
      event.target = full_path(g, target->name);
    event.process = !g.exe.empty() ? g.exe : g.comm;
    event.failed = !g.success;
    ctx_.emit(std::move(event));
  }

  ParseContext& ctx_;
  LocalClock clock_;
  std::vector<std::unique_ptr<Group>> open_;   // oldest first
  std::vector<std::unique_ptr<Group>> spare_;  // reused allocations
  std::string key_;
  uint64_t record_count_ = 0;  // lines seen, across the files of a series
};

}  // namespace

std::unique_ptr<LineParser> make_auditd_parser(ParseContext& ctx) {
  return std::make_unique<AuditdParser>(ctx);
}

namespace {

bool is_auditd_line(std::string_view line) {
  if (line.substr(0, 5) == "node=") {
    const size_t space = line.find(' ');
    if (space == std::string_view::npos)
      return false;
    line = line.substr(space + 1);
  }
  return line.substr(0, 5) == "type=" &&
         line.find(" msg=audit(") != std::string_view::npos;
}

}  // namespace

Sniff sniff_auditd(const LogHead& head) {
  return first_line(head, [](std::string_view line) {
    return is_auditd_line(line) || line.substr(0, 6) == "time->";
  });
}

}  // namespace mamori::logs
