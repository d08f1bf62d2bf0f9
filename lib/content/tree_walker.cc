#include "content/tree_walker.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "common/text.h"

namespace mamori::content {
namespace fs = std::filesystem;
namespace {

using DirId = std::pair<dev_t, ino_t>;

class Walker {
 public:
  explicit Walker(Diagnostics& diag) : diag_(diag) {}

  void walk_root(const fs::path& root) {
    std::error_code ec;
    fs::file_status st = fs::status(root, ec);
    if (ec) {
      diag_.error_in("unreadable", {root.string()}, "cannot examine: {}",
                     ec.message());
      return;
    }
    if (fs::is_directory(st)) {
      walk_directory(root);
    } else {
      add(root, st.type());
    }
  }

  std::vector<WalkedFile> take() { return std::move(files_); }

 private:
  void walk_directory(const fs::path& top) {
    std::vector<fs::path> pending{top};
    while (!pending.empty()) {
      fs::path dir = std::move(pending.back());
      pending.pop_back();
      if (!first_visit(dir)) continue;
      std::error_code ec;
      fs::directory_iterator it(dir, ec);
      if (ec) {
        diag_.error_in("unreadable", {dir.string()},
                       "cannot list directory: {}", ec.message());
        continue;
      }
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        visit(*it, pending);
      }
      if (ec) {
        diag_.error_in("unreadable", {dir.string()},
                       "cannot list directory: {}", ec.message());
      }
    }
  }

  void visit(const fs::directory_entry& entry, std::vector<fs::path>& pending) {
    std::error_code ec;
    fs::file_status st = entry.symlink_status(ec);
    if (ec) {
      diag_.error_in("unreadable", {entry.path().string()},
                     "cannot examine: {}", ec.message());
    } else if (fs::is_directory(st)) {
      pending.push_back(entry.path());
    } else if (fs::is_symlink(st)) {
      note_link(entry.path());
    } else {
      add(entry.path(), st.type());
    }
  }

  void add(const fs::path& path, fs::file_type type) {
    if (type != fs::file_type::regular) {
      diag_.warn_in("special_file", {path.string()},
                    "{} skipped: not a regular file", describe(type));
      return;
    }
    std::error_code ec;
    uint64_t size = fs::file_size(path, ec);
    files_.push_back({path, ec ? 0 : size});
  }

  void note_link(const fs::path& path) {
    std::error_code ec;
    fs::path target = fs::read_symlink(path, ec);
    diag_.warn_in("symlink", {path.string()},
                  "symbolic link not followed (to {})",
                  ec ? std::string("an unreadable target")
                     : escape_for_display(target.string()));
  }

  // Guards against a directory that contains itself through a bind mount.
  bool first_visit(const fs::path& dir) {
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) return true;  // listing will report
    if (visited_.insert({st.st_dev, st.st_ino}).second) return true;
    diag_.warn_in("loop", {dir.string()},
                  "directory already scanned under another path; not "
                  "entered again");
    return false;
  }

  static const char* describe(fs::file_type type) {
    switch (type) {
      case fs::file_type::block: return "block device";
      case fs::file_type::character: return "character device";
      case fs::file_type::fifo: return "fifo";
      case fs::file_type::socket: return "socket";
      default: return "special file";
    }
  }

  Diagnostics& diag_;
  std::set<DirId> visited_;
  std::vector<WalkedFile> files_;
};

}  // namespace

std::vector<WalkedFile> walk_roots(const std::vector<fs::path>& roots,
                                   Diagnostics& diag) {
  Walker walker(diag);
  for (const fs::path& root : roots) walker.walk_root(root);
  std::vector<WalkedFile> files = walker.take();
  std::sort(files.begin(), files.end(),
            [](const WalkedFile& a, const WalkedFile& b) {
              return a.path.native() < b.path.native();
            });
  // The same file named by two roots is scanned once.
  files.erase(std::unique(files.begin(), files.end(),
                          [](const WalkedFile& a, const WalkedFile& b) {
                            return a.path == b.path;
                          }),
              files.end());
  return files;
}

}  // namespace mamori::content
