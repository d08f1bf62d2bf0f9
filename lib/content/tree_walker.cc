// walk_roots: a depth-first walk over directory descriptors, noting links,
// special files, loops and unreadable directories as it goes.
#include "content/tree_walker.h"

#include "common/file_open.h"
#include "common/handle.h"
#include "common/text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace mamori::content {
namespace fs = std::filesystem;
namespace {

int close_dir(DIR* dir) {
  return ::closedir(dir);
}
using DirHandle = CHandle<DIR, close_dir>;
using DirId = std::pair<dev_t, ino_t>;

std::string errno_text(int error) {
  return std::strerror(error);
}

const char* describe(mode_t mode) {
  if (S_ISBLK(mode))
    return "block device";
  if (S_ISCHR(mode))
    return "character device";
  if (S_ISFIFO(mode))
    return "fifo";
  if (S_ISSOCK(mode))
    return "socket";
  return "special file";
}

class Walker {
 public:
  Walker(Diagnostics& diag, bool follow_links)
      : diag_(diag), follow_links_(follow_links) {}

  void walk_root(const fs::path& root) {
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0 && errno != ENAMETOOLONG) {
      diag_.error_in("unreadable", {root.string()}, "cannot examine: {}",
                     errno_text(errno));
      return;
    }
    UniqueFd fd;
    if (st.st_mode == 0) {  // too long for stat(2): open it piecewise
      fd = UniqueFd(open_evidence(root.string(), O_NONBLOCK));
      if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0) {
        diag_.error_in("unreadable", {root.string()}, "cannot examine: {}",
                       errno_text(errno));
        return;
      }
    }
    struct stat lst {};
    bool is_link = ::lstat(root.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
    if (S_ISDIR(st.st_mode)) {
      walk_directory(root);
    } else {
      add(root, st, is_link);
    }
  }

  std::vector<WalkedFile> take() { return std::move(files_); }

 private:
  // A directory being listed, held open while directories found in it
  // wait to be listed, so each is opened relative to it (openat): a tree
  // 10,000 levels deep costs one open per level, never a walk from the
  // root through every component of a path longer than PATH_MAX.
  struct OpenDir {
    OpenDir(DirHandle d, int& live) : dir(std::move(d)), live_(live) {
      ++live_;
    }
    ~OpenDir() { --live_; }
    OpenDir(const OpenDir&) = delete;
    OpenDir& operator=(const OpenDir&) = delete;
    DirHandle dir;

   private:
    int& live_;
  };

  // Paths are plain strings here: an fs::path splits itself into its
  // components on every join, which made a deep tree quadratic.
  struct Pending {
    std::string dir;
    bool via_link = false;  // reached through a link (or the root)
    // The parent, still open, and the name in it; none: opened by path.
    std::shared_ptr<const OpenDir> parent;
    std::string name;
  };

  // Directories held open at most, so a wide and deep tree cannot run the
  // process out of descriptors (beyond it, subdirectories are opened by
  // path, more slowly).
  static constexpr int kMaxOpenDirs = 256;

  void walk_directory(const fs::path& top) {
    std::vector<Pending> pending{{top.string(), true, nullptr, {}}};
    while (!pending.empty()) {
      Pending next = std::move(pending.back());
      pending.pop_back();
      list_directory(next, pending);
    }
  }

  void list_directory(const Pending& at, std::vector<Pending>& pending) {
    const std::string& dir = at.dir;
    // Only the root (the user named it) or, with follow_links, a directory
    // reached through a link may be a link; otherwise a directory replaced
    // by a link since it was listed is not followed.
    int flags = O_DIRECTORY | O_NONBLOCK | (at.via_link ? 0 : O_NOFOLLOW);
    UniqueFd fd(at.parent ? open_evidence_at(::dirfd(at.parent->dir.get()),
                                             at.name.c_str(), flags, dir)
                          : open_evidence(dir, flags));
    struct stat st {};
    if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0) {
      diag_.error_in("unreadable", {dir}, "cannot list directory: {}",
                     errno_text(errno));
      return;
    }
    if (!visited_.insert({st.st_dev, st.st_ino}).second) {
      diag_.warn_in("loop", {dir},
                    "directory already scanned under another path; not "
                    "entered again");
      return;
    }
    int dir_fd = fd.get();
    auto open = std::make_shared<const OpenDir>(
        DirHandle(::fdopendir(fd.release())), open_dirs_);
    const DirHandle& handle = open->dir;
    if (!handle) {
      ::close(dir_fd);
      diag_.error_in("unreadable", {dir}, "cannot list directory: {}",
                     errno_text(errno));
      return;
    }
    while (true) {
      errno = 0;
      const dirent* entry = ::readdir(handle.get());
      if (entry == nullptr) {
        if (errno != 0) {
          diag_.error_in("unreadable", {dir}, "cannot list directory: {}",
                         errno_text(errno));
        }
        break;
      }
      std::string_view name = entry->d_name;
      if (name == "." || name == "..")
        continue;
      visit(dir_fd, child_path(dir, entry->d_name), entry->d_name, open,
            pending);
    }
  }

  static std::string child_path(const std::string& dir, const char* name) {
    std::string path = dir;
    if (path.empty() || path.back() != '/')
      path += '/';
    return path += name;
  }

  void visit(int dir_fd, std::string path, const char* name,
             const std::shared_ptr<const OpenDir>& open,
             std::vector<Pending>& pending) {
    // Held open for its subdirectories, within the descriptors allowed.
    auto later = [&](std::string dir, bool via_link) {
      const bool hold = open_dirs_ <= kMaxOpenDirs || open.use_count() > 1;
      pending.push_back(
          {std::move(dir), via_link, hold ? open : nullptr, hold ? name : ""});
    };
    struct stat st {};
    if (::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      diag_.error_in("unreadable", {path}, "cannot examine: {}",
                     errno_text(errno));
    } else if (S_ISDIR(st.st_mode)) {
      later(std::move(path), false);
    } else if (S_ISLNK(st.st_mode)) {
      struct stat target {};
      if (!follow_links_ || ::fstatat(dir_fd, name, &target, 0) != 0) {
        note_link(dir_fd, name, path);  // not asked, or a dangling link
      } else if (S_ISDIR(target.st_mode)) {
        // Loops end at the (device, inode) check in list_directory.
        later(std::move(path), true);
      } else {
        add(path, target, true);
      }
    } else {
      add(path, st, false);
    }
  }

  void add(const fs::path& path, const struct stat& st, bool is_link) {
    if (!S_ISREG(st.st_mode)) {
      diag_.warn_in("special_file", {path.string()},
                    "{} skipped: not a regular file", describe(st.st_mode));
      return;
    }
    files_.push_back({path, static_cast<uint64_t>(st.st_size), is_link});
  }

  void note_link(int dir_fd, const char* name, const fs::path& path) {
    std::string target(4096, '\0');
    ssize_t n = ::readlinkat(dir_fd, name, target.data(), target.size());
    target.resize(n > 0 ? static_cast<size_t>(n) : 0);
    diag_.warn_in("symlink", {path.string()},
                  "symbolic link not followed (to {})",
                  n > 0 ? escape_for_display(target)
                        : std::string("an unreadable target"));
  }

  Diagnostics& diag_;
  bool follow_links_;
  std::set<DirId> visited_;
  int open_dirs_ = 0;  // OpenDir alive
  std::vector<WalkedFile> files_;
};

}  // namespace

std::vector<WalkedFile> walk_roots(const std::vector<fs::path>& roots,
                                   Diagnostics& diag, bool follow_links) {
  Walker walker(diag, follow_links);
  for (const fs::path& root : roots)
    walker.walk_root(root);
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
